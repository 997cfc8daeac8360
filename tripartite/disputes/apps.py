"""App configuration for disputes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "tripartite.disputes"
    label = "disputes"
    verbose_name = _("Collective labour disputes")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import Action, register_grants

        # What the core policy answers for disputes (admin pages, history). Reading a case file is narrowed
        # further by tripartite.disputes.access: only parties, assigned conciliators, the secretariat and the
        # inspectorate read it, whatever these rows say.
        act = frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.VIEW_HISTORY})
        register_grants({
            "disputes.dispute": {Role.SECRETARY: act, Role.EDITOR: act, Role.CONCILIATOR: act},
            "disputes.sectoremployment": {
                Role.SECRETARY: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.VIEW_HISTORY}),
                Role.ANALYST: frozenset({Action.VIEW}),
            },
        })
