"""The surveys' fixtures (a questionnaire, open, snowball and invitation campaigns) for the hostile-input tests."""

from tests.surveys.conftest import (  # noqa: F401
    _no_rate_limit,
    by_invitation,
    campaign,
    make_campaign,
    snowball,
    template,
    union,
)
