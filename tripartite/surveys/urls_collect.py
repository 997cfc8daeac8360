"""Pages for questionnaires, campaigns and the respondent's form."""

from django.urls import URLPattern, path

from tripartite.surveys import views

urlpatterns: list[URLPattern] = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("campaigns/<slug:slug>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<slug:slug>/history/", views.campaign_history, name="campaign_history"),
    path("campaigns/<slug:slug>/invitations/", views.invitations, name="invitations"),
    path("campaigns/<slug:slug>/invitations.csv", views.invitations_csv, name="invitations_csv"),
    # The respondent's form and its thank-you page.
    path("r/<slug:slug>/", views.respond, name="respond"),
    path("r/<slug:slug>/thanks/<str:code>/", views.thanks, name="thanks"),
    # The questionnaire editor.
    path("questionnaires/", views.questionnaire_list, name="questionnaires"),
    path("questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/<slug:code>/", views.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<slug:code>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<slug:code>/history/", views.questionnaire_history, name="questionnaire_history"),
    path("questionnaires/<slug:code>/new-version/", views.version_new, name="version_new"),
    path("questionnaires/<slug:code>/v<int:number>/", views.version_detail, name="version"),
    path("questionnaires/<slug:code>/v<int:number>/publish/", views.version_publish, name="version_publish"),
    path("questionnaires/<slug:code>/v<int:number>/intro/", views.version_intro, name="version_intro"),
    path("questionnaires/<slug:code>/v<int:number>/questions/new/", views.question_add, name="question_add"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/options/new/", views.option_add, name="option_add"),
    path("options/<int:pk>/edit/", views.option_edit, name="option_edit"),
    path("options/<int:pk>/move/", views.option_move, name="option_move"),
    path("options/<int:pk>/delete/", views.option_delete, name="option_delete"),
]
