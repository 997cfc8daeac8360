"""Reference data: the national minimum wage (from the jurisdiction pack) and the average and median wages
published by the Bureau of National Statistics as reported by the press (domain brief §5)."""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    from tripartite.indicators.reference import load_reference_figures
    from tripartite.jurisdictions import get_pack

    load_reference_figures(apps.get_model("indicators", "StatisticValue"), get_pack(settings.TRIPARTITE_JURISDICTION))


def unload(apps, schema_editor):
    apps.get_model("indicators", "StatisticValue").objects.filter(statistics_import__isnull=True, is_demo=False).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial"), ("core", "0002_reference_data")]

    operations = [migrations.RunPython(load, unload)]
