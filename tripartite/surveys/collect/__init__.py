"""The collecting half of the surveys app: questionnaires and their versions, campaigns, invitations, the
respondent's form and the API that takes answers; its writes (`services`), reads (`queries`), pages and API."""
