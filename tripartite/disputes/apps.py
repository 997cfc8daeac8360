"""App configuration for disputes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "tripartite.disputes"
    label = "disputes"
    verbose_name = _("Collective labour disputes")
