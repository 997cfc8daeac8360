"""App configuration for surveys: the permission grants of its record kinds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "tripartite.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from tripartite.core.models import Role
        from tripartite.core.policy import Action, register_grants

        edit = frozenset({Action.VIEW, Action.CREATE, Action.CHANGE, Action.DELETE, Action.VIEW_HISTORY})
        read = frozenset({Action.VIEW, Action.VIEW_HISTORY})
        # An organisation's editors run its surveys (questionnaires, campaigns, invitations, results, imports);
        # analysts read questionnaires, campaigns and full (unsuppressed) results; administrators do everything.
        register_grants({
            "surveys.questionnaire": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.questionnaireversion": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.question": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.option": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.campaign": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.invitation": {Role.EDITOR: edit},
            "surveys.response": {Role.EDITOR: edit, Role.ANALYST: frozenset({Action.VIEW})},
            "surveys.resulttable": {Role.EDITOR: edit, Role.ANALYST: read},
            "surveys.margins": {Role.EDITOR: edit, Role.ANALYST: read},
        })
