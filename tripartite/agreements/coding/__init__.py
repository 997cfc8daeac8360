"""Machine-assisted coding of agreements: text from the signed file, articles, parameter values, topic suggestions."""
