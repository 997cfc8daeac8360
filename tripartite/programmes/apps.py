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
        _register_measures_as_taggable()


def _register_measures_as_taggable() -> None:
    """A programme's measures carry out principles: they can be tagged like clauses and decisions."""
    from django.urls import reverse
    from django.utils.text import Truncator

    from tripartite.principles import taggables
    from tripartite.programmes.models import Measure
    from tripartite.programmes.queries import visible_programmes

    if taggables.kind("programmes.measure") is not None:
        return
    taggables.register(taggables.TaggableKind(
        "programmes.measure", _("Programme measure"), _("Programme measures"), taggables.Role.CARRIES,
        lambda user: Measure.objects.filter(area__programme__in=visible_programmes(user))
        .select_related("area__programme"),
        lambda measure: measure,
        lambda measure: Truncator(str(measure)).chars(120),
        lambda measure: reverse("programmes:measure", args=[measure.pk]),
        lambda measure: str(measure.area.programme),
    ))

