"""The Labour Code's principles, ILO conventions and SDG targets of the jurisdiction pack, seeded into the database.

The same idempotent copy as ``manage.py sync_principles`` (run it again after the pack changes).
"""

from django.db import migrations


def load(apps, schema_editor):
    from tripartite.principles.sync import pack_taxonomy, sync_taxonomy

    taxonomy = pack_taxonomy()
    if taxonomy is None:
        return
    sync_taxonomy(taxonomy, principle_model=apps.get_model("principles", "Principle"),
                  convention_model=apps.get_model("principles", "Convention"),
                  sdg_model=apps.get_model("principles", "SdgTarget"))


def unload(apps, schema_editor):
    apps.get_model("principles", "Tag").objects.all().delete()
    apps.get_model("principles", "Principle").objects.all().delete()
    apps.get_model("principles", "Convention").objects.all().delete()
    apps.get_model("principles", "SdgTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("principles", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
