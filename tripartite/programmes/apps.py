"""App configuration for programmes: the Decent Work roadmap and the partners' other programmes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "tripartite.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, Action, register_grants

        # A programme, its areas, measures and indicator targets belong to its coordinating body (its
        # secretaries and editors run them). A progress report belongs to the organisation that files it: its
        # editors and secretaries file reports, and services also require it to be responsible for the measure.
        coordinator: dict[str, frozenset[Action]] = {Role.SECRETARY: EDIT, Role.EDITOR: EDIT, Role.CONCILIATOR: READ, Role.ANALYST: READ}
        register_grants({
            "programmes.programme": coordinator,
            "programmes.area": coordinator,
            "programmes.measure": coordinator,
            "programmes.indicatortarget": coordinator,
            "programmes.observation": coordinator,
            "programmes.progressreport": {  # type: ignore[dict-item]
                Role.SECRETARY: frozenset({Action.VIEW, Action.CREATE, Action.VIEW_HISTORY}),
                Role.EDITOR: frozenset({Action.VIEW, Action.CREATE, Action.VIEW_HISTORY}),
                Role.CONCILIATOR: READ, Role.ANALYST: READ,
            },
        })
