"""Pages of the disputes app."""

from django.urls import path

from tripartite.core.pages import record_paths
from tripartite.disputes import views

app_name = "disputes"
urlpatterns = [
    *record_paths(views, "dispute", delete=False),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("summary/", views.summary, name="summary"),
    path("procedure/", views.procedure, name="procedure"),
    path("employment/", views.employment, name="employment"),
    path("<int:pk>/advance/", views.dispute_advance, name="advance"),
    path("<int:pk>/steps/new/", views.step_record, name="step"),
    path("<int:pk>/demands/new/", views.demand_add, name="demand_add"),
    path("demands/<int:demand_id>/status/", views.demand_status, name="demand_status"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("documents/<int:document_id>/file/", views.document_file, name="document_file"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path("<int:pk>/sessions/new/", views.session_add, name="session_add"),
    path("demands/<int:demand_id>/edit/", views.demand_edit, name="demand_edit"),
    path("demands/<int:demand_id>/delete/", views.demand_remove, name="demand_remove"),
    path("documents/<int:document_id>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:document_id>/delete/", views.document_remove, name="document_remove"),
    path("participants/<int:participant_id>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<int:participant_id>/delete/", views.participant_remove, name="participant_remove"),
    path("sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/delete/", views.session_remove, name="session_remove"),
    path("<int:pk>/conciliators/new/", views.conciliator_assign, name="assign"),
    path("strikes/<int:strike_id>/", views.strike_edit, name="strike_edit"),
]
