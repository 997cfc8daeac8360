"""App configuration for the Labour Code's principles: the taxonomy, its crosswalk, tags and coverage."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrinciplesConfig(AppConfig):
    name = "tripartite.principles"
    label = "principles"
    verbose_name = _("Labour Code principles")

    def ready(self) -> None:
        from tripartite.principles import taggables

        # No grants of its own: a tag is changed by whoever may change the record it is on (taggables.py).
        taggables.register_builtin()
