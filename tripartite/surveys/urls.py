"""Pages of the surveys app: collection (campaigns, the respondent's form, the questionnaire editor) and results."""

from django.urls import URLPattern, path

from tripartite.surveys.collect import views as collect
from tripartite.surveys.collect import xlsform_views
from tripartite.surveys.results import views as results

app_name = "surveys"
urlpatterns: list[URLPattern] = [
    # Campaigns and their invitations.
    path("", collect.campaign_list, name="list"),
    path("new/", collect.campaign_create, name="campaign_create"),
    path("campaigns/<slug:slug>/", collect.campaign_detail, name="campaign"),
    path("campaigns/<slug:slug>/edit/", collect.campaign_edit, name="campaign_edit"),
    path("campaigns/<slug:slug>/history/", collect.campaign_history, name="campaign_history"),
    path("campaigns/<slug:slug>/invitations/", collect.invitations, name="invitations"),
    path("campaigns/<slug:slug>/invitations.csv", collect.invitations_csv, name="invitations_csv"),
    # The respondent's form and its thank-you page.
    path("r/<slug:slug>/", collect.respond, name="respond"),
    path("r/<slug:slug>/thanks/<str:code>/", collect.thanks, name="thanks"),
    # The questionnaire editor.
    path("questionnaires/", collect.questionnaire_list, name="questionnaires"),
    path("questionnaires/new/", collect.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/import-xlsform/", xlsform_views.import_page, name="xlsform_import"),
    path("questionnaires/<slug:code>/", collect.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<slug:code>/edit/", collect.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<slug:code>/history/", collect.questionnaire_history, name="questionnaire_history"),
    path("questionnaires/<slug:code>/new-version/", collect.version_new, name="version_new"),
    path("questionnaires/<slug:code>/v<int:number>/", collect.version_detail, name="version"),
    path("questionnaires/<slug:code>/v<int:number>/publish/", collect.version_publish, name="version_publish"),
    path("questionnaires/<slug:code>/v<int:number>/xlsform.xlsx", xlsform_views.export, name="xlsform_export"),
    path("questionnaires/<slug:code>/v<int:number>/intro/", collect.version_intro, name="version_intro"),
    path("questionnaires/<slug:code>/v<int:number>/questions/new/", collect.question_add, name="question_add"),
    path("questions/<int:pk>/edit/", collect.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", collect.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", collect.question_delete, name="question_delete"),
    path("questions/<int:pk>/options/new/", collect.option_add, name="option_add"),
    path("options/<int:pk>/edit/", collect.option_edit, name="option_edit"),
    path("options/<int:pk>/move/", collect.option_move, name="option_move"),
    path("options/<int:pk>/delete/", collect.option_delete, name="option_delete"),
    # Results, import and export.
    path("results/<slug:slug>/", results.results_page, name="results"),
    path("results/<slug:slug>/crosstab/", results.crosstab_page, name="results_crosstab"),
    path("results/<slug:slug>/pin/", results.pin, name="results_pin"),
    path("results/<slug:slug>/tables/<int:pk>/unpin/", results.unpin, name="results_unpin"),
    path("results/<slug:slug>/margins/", results.margins_page, name="results_margins"),
    path("results/<slug:slug>/margins/<int:pk>/delete/", results.margins_delete, name="results_margins_delete"),
    path("results/<slug:slug>/import/", results.import_page, name="results_import"),
    path("results/<slug:slug>/import/rejected/<str:token>/", results.import_rejected, name="results_import_rejected"),
    path("results/<slug:slug>/answers.<str:fmt>", results.export_answers, name="results_export_answers"),
    path("results/<slug:slug>/report/", results.report_page, name="results_report"),
]
