"""Agreements and collective bargaining: register, clauses, favourability, commitments."""
