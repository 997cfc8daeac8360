"""Create the built-in questionnaire template (the 2025 study's Appendix 1); see
tripartite/surveys/template_questionnaire.py."""

from django.db import migrations


def create_template(apps, schema_editor):
    from tripartite.surveys import template_questionnaire

    template_questionnaire.install(
        apps.get_model("surveys", "Questionnaire"),
        apps.get_model("surveys", "QuestionnaireVersion"),
        apps.get_model("surveys", "Question"),
        apps.get_model("surveys", "Option"),
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(create_template, migrations.RunPython.noop)]
