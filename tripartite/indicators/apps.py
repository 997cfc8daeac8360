"""App configuration for official statistics and social dialogue indicators."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "tripartite.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, Action, register_grants
        from tripartite.indicators import computations  # noqa: F401  (registers the indicators)

        # Official statistics are national reference data: analysts load and correct them, other role
        # holders read them and their history (everyone reads the figures themselves: they are public).
        register_grants({
            "indicators.statisticvalue": {
                Role.ANALYST: EDIT, Role.SECRETARY: READ, Role.EDITOR: READ, Role.CONCILIATOR: READ,
            },
            "indicators.statisticsimport": {
                Role.ANALYST: frozenset({Action.VIEW, Action.CREATE}),
            },
        })
