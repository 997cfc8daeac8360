"""Pages of the programmes app."""

from django.urls import path

from tripartite.core.pages import record_paths
from tripartite.programmes import views

app_name = "programmes"
urlpatterns = [
    *record_paths(views, "programme"),
    path("<int:pk>/public/", views.programme_public, name="public"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("<int:pk>/annex.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/areas/new/", views.area_add, name="area_add"),
    path("areas/<int:pk>/edit/", views.area_edit, name="area_edit"),
    path("areas/<int:pk>/delete/", views.area_delete, name="area_delete"),
    path("areas/<int:pk>/measures/new/", views.measure_add, name="measure_add"),
    path("areas/<int:pk>/targets/new/", views.target_add_to_area, name="area_target_add"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("measures/<int:pk>/history/", views.measure_history, name="measure_history"),
    path("measures/<int:pk>/reports/new/", views.report_add, name="report_add"),
    path("measures/<int:pk>/targets/new/", views.target_add_to_measure, name="measure_target_add"),
    path("reports/<int:pk>/evidence/", views.report_evidence, name="report_evidence"),
    path("reports/<int:pk>/history/", views.report_history, name="report_history"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("targets/<int:pk>/values/new/", views.observation_add, name="observation_add"),
]
