"""Pages of the social partners register."""

from django.urls import path

from tripartite.core.pages import record_paths
from tripartite.partners import views

app_name = "partners"
urlpatterns = [
    *record_paths(views, "organisation"),
    path("<int:pk>/reports/new/", views.report_add, name="report_add"),
    path("reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:report_id>/delete/", views.report_delete, name="report_delete"),
]
