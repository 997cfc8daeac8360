"""App configuration for the demonstration data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "tripartite.demo"
    label = "demo"
    verbose_name = _("Demonstration data")
