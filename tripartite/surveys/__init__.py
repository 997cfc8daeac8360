"""Worker surveys: versioned questionnaires, campaigns, responses, results."""
