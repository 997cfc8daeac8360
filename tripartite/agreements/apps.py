"""App configuration for agreements."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "tripartite.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import Action, register_grants

        edit = frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.DELETE, Action.VIEW_HISTORY})
        read = frozenset({Action.VIEW, Action.VIEW_HISTORY})
        # An organisation's editor keeps the agreements its organisation keeps; a commission's secretariat
        # those of its commission (Agreement.policy_scopes names both). Parts of an agreement (parties,
        # clauses, commitments...) are changed through the agreement and follow the same grants.
        by_role: dict[str, frozenset[Action]] = {Role.EDITOR: edit, Role.SECRETARY: edit, Role.CONCILIATOR: read, Role.ANALYST: read}
        register_grants({
            f"agreements.{model}": by_role
            for model in ("agreement", "agreementparty", "bargainingmember", "clause", "clauseparameter",
                          "commitment", "disputeprocedureclause")
        })
