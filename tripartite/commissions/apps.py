"""App configuration for tripartite commissions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "tripartite.commissions"
    label = "commissions"
    verbose_name = _("Tripartite commissions")
