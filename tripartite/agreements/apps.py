"""App configuration for agreements."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "tripartite.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, Action, register_grants

        # An organisation's editor keeps the agreements its organisation keeps; a commission's secretariat
        # those of its commission (Agreement.policy_scopes names both). Parts of an agreement (parties,
        # clauses, commitments...) are changed through the agreement and follow the same grants.
        by_role: dict[str, frozenset[Action]] = {Role.EDITOR: EDIT, Role.SECRETARY: EDIT, Role.CONCILIATOR: READ, Role.ANALYST: READ}
        register_grants({
            f"agreements.{model}": by_role
            for model in ("agreement", "agreementparty", "bargainingmember", "clause", "clauseparameter",
                          "commitment", "disputeprocedureclause")
        })
