"""App configuration for civic."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivicConfig(AppConfig):
    name = "tripartite.civic"
    label = "civic"
    verbose_name = _("Grants and public-private partnership")
