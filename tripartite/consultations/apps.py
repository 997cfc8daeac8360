"""App configuration for consultations on draft legal acts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "tripartite.consultations"
    label = "consultations"
    verbose_name = _("Consultations on draft acts")

    def ready(self) -> None:
        from tripartite.core.deadlines import register_deadlines
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, Action, register_grants

        # Drafts, their versions and the replies belong to the drafting body (its editors and secretaries);
        # referrals to the commission's secretariat. Positions are the organisations' own: an editor of the
        # organisation records and withdraws them, and services also require a seat on that side of the
        # commission. Who may read working positions before publication: tripartite.consultations.access.
        drafter: dict[str, frozenset[Action]] = {Role.SECRETARY: EDIT, Role.EDITOR: EDIT, Role.CONCILIATOR: READ, Role.ANALYST: READ}
        register_grants({
            "consultations.draftact": drafter,
            "consultations.draftversion": drafter,
            "consultations.reply": {Role.SECRETARY: EDIT, Role.EDITOR: EDIT},
            "consultations.referral": {Role.SECRETARY: EDIT, Role.EDITOR: READ, Role.CONCILIATOR: READ,
                                       Role.ANALYST: READ},
            "consultations.position": {
                Role.EDITOR: frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.VIEW_HISTORY}),
            },
        })
        from tripartite.core.links import register_links

        from .queries import agenda_item_links, my_deadlines

        register_deadlines(my_deadlines)
        register_links("commissions.agendaitem", agenda_item_links)
