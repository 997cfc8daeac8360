"""Pages of the commissions app."""

from django.urls import path

from tripartite.commissions import views
from tripartite.core.pages import record_paths

app_name = "commissions"
urlpatterns = [
    *record_paths(views, "commission"),
    path("decisions/", views.decisions, name="decisions"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("members/<int:member_id>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:member_id>/history/", views.member_history, name="member_history"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/delete/", views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:meeting_id>/history/", views.meeting_history, name="meeting_history"),
    path("meetings/<int:meeting_id>/agenda/new/", views.agenda_add, name="agenda_add"),
    path("agenda/<int:item_id>/edit/", views.agenda_edit, name="agenda_edit"),
    path("agenda/<int:item_id>/delete/", views.agenda_delete, name="agenda_delete"),
    path("meetings/<int:meeting_id>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:decision_id>/done/", views.decision_done, name="decision_done"),
    path("decisions/<int:decision_id>/delete/", views.decision_delete, name="decision_delete"),
    path("decisions/<int:decision_id>/history/", views.decision_history, name="decision_history"),
]
