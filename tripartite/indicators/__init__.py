"""Official statistics and social dialogue indicators."""
