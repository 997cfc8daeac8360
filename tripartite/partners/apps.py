"""App configuration for the social partners register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "tripartite.partners"
    label = "partners"
    verbose_name = _("Social partners")
