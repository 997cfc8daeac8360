"""The results half of the surveys app: crosstabs, distributions and weights counted in the database, pinned
tables and population margins, exports and reports; its reads (`queries`), writes (`services`), pages and API."""
