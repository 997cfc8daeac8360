"""App configuration for grants: the state social order and grants for NGOs, and the PPP register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "tripartite.grants"
    label = "grants"
    verbose_name = _("Grants and public-private partnership")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, register_grants

        # Calls and their awards belong to the announcing state body: its secretaries and editors run them.
        # Applications belong to the applicant: its editors write them. Scores are not granted to any role:
        # only the evaluators recorded on the call may score (checked by the services).
        # The PPP register belongs to the state partner.
        register_grants({
            "grants.call": {Role.SECRETARY: EDIT, Role.EDITOR: EDIT, Role.ANALYST: READ, Role.CONCILIATOR: READ},
            "grants.award": {Role.SECRETARY: EDIT, Role.EDITOR: EDIT, Role.ANALYST: READ},
            "grants.application": {
                Role.EDITOR: EDIT,
                Role.SECRETARY: READ,
                Role.ANALYST: READ,
            },
            "grants.pppcontract": {Role.SECRETARY: EDIT, Role.EDITOR: EDIT, Role.ANALYST: READ, Role.CONCILIATOR: READ},
        })
