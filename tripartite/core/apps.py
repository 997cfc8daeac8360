"""App configuration for the core app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tripartite.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Connects the recorder of failed sign-ins (user_login_failed) at start-up.
        from tripartite.core import throttle  # noqa: F401
