"""Pages of the grants app, and the addresses they had before the app was renamed (civic → grants)."""

from django.urls import path, re_path

from tripartite.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("calls/<int:pk>/edit/", views.call_edit, name="call_edit"),
    path("calls/<int:pk>/history/", views.call_history, name="call_history"),
    path("calls/<int:pk>/criteria/new/", views.criterion_add, name="criterion_add"),
    path("criteria/<int:criterion_id>/remove/", views.criterion_remove, name="criterion_remove"),
    path("calls/<int:pk>/evaluators/new/", views.evaluator_add, name="evaluator_add"),
    path("calls/<int:pk>/publish/", views.call_publish, name="call_publish"),
    path("calls/<int:pk>/close/", views.call_close, name="call_close"),
    path("calls/<int:pk>/declaration/", views.declaration, name="declaration"),
    path("calls/<int:pk>/apply/", views.application_create, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("applications/<int:pk>/history/", views.application_history, name="application_history"),
    path("applications/<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("applications/<int:pk>/score/", views.score, name="score"),
    path("applications/<int:pk>/award/", views.award_create, name="award"),
    path("documents/<int:document_id>/", views.document_download, name="document"),
    path("documents/<int:document_id>/remove/", views.document_remove, name="document_remove"),
    path("scores/<int:score_id>/history/", views.score_history, name="score_history"),
    path("monitoring/", views.concentration, name="concentration"),
    path("ppp/", views.ppp_list, name="ppp_list"),
    path("ppp/new/", views.ppp_create, name="ppp_create"),
    path("ppp/data.csv", views.ppp_csv, name="ppp_csv"),
    path("ppp/data.json", views.ppp_json, name="ppp_json"),
    path("ppp/<int:pk>/", views.ppp_detail, name="ppp"),
    path("ppp/<int:pk>/edit/", views.ppp_edit, name="ppp_edit"),
    path("ppp/<int:pk>/history/", views.ppp_history, name="ppp_history"),
]

# Mounted at /civic/ (tripartite/urls.py): every old address answers 301 with the same page under /grants/, so that
# bookmarks and links keep working.
moved = [re_path(r"^(?P<rest>.*)$", views.moved_address)]
