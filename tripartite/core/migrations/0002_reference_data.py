"""Reference data from the jurisdiction pack: regions by KATO code and the OKED sections A–U."""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    from tripartite.jurisdictions import get_pack

    pack = get_pack(settings.TRIPARTITE_JURISDICTION)
    Region = apps.get_model("core", "Region")
    Sector = apps.get_model("core", "Sector")
    for region in pack.regions():
        Region.objects.update_or_create(
            kato=region.code,
            defaults={
                "kind": str(region.kind),
                "name_kk": region.name["kk"],
                "name_ru": region.name["ru"],
                "name_en": region.name["en"],
                "valid_from": pack.regions_valid_from,
            },
        )
    for sector in pack.sectors():
        Sector.objects.update_or_create(
            code=sector.code,
            defaults={"name_kk": sector.name["kk"], "name_ru": sector.name["ru"], "name_en": sector.name["en"]},
        )


def unload(apps, schema_editor):
    apps.get_model("core", "Region").objects.all().delete()
    apps.get_model("core", "Sector").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
