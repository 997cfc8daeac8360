"""App configuration for surveys: the permission grants of its record kinds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tripartite.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import EDIT, READ, Action, register_grants

        # An organisation's editors run its surveys (questionnaires, campaigns, invitations, results, imports);
        # analysts read questionnaires, campaigns and full (unsuppressed) results; administrators do everything.
        register_grants({
            "surveys.questionnaire": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.questionnaireversion": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.question": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.option": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.campaign": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.invitation": {Role.EDITOR: EDIT},
            "surveys.response": {Role.EDITOR: EDIT, Role.ANALYST: frozenset({Action.VIEW})},
            "surveys.resulttable": {Role.EDITOR: EDIT, Role.ANALYST: READ},
            "surveys.margins": {Role.EDITOR: EDIT, Role.ANALYST: READ},
        })
