"""App configuration for the core app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tripartite.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Connects the recorder of failed sign-ins (user_login_failed) at start-up.
        from django.utils.translation import get_language

        from tripartite.core import throttle  # noqa: F401
        from tripartite.jurisdictions.texts import use_language

        use_language(get_language)  # the pack cites its acts in the language of the request

        # Every history row is sealed into the audit chain as simple_history writes it, whichever service
        # wrote it: the chain must cover all rows, so it hangs on the library's own hook, not on each service.
        from simple_history.signals import post_create_historical_record

        from tripartite.core.audit import seal_history_row

        post_create_historical_record.connect(seal_history_row, dispatch_uid="tripartite-audit-seal")
