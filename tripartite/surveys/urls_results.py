"""Pages for results, import and export."""

from django.urls import URLPattern, path

from tripartite.surveys import views_results as views

urlpatterns: list[URLPattern] = [
    path("results/<slug:slug>/", views.results_page, name="results"),
    path("results/<slug:slug>/crosstab/", views.crosstab_page, name="results_crosstab"),
    path("results/<slug:slug>/pin/", views.pin, name="results_pin"),
    path("results/<slug:slug>/tables/<int:pk>/unpin/", views.unpin, name="results_unpin"),
    path("results/<slug:slug>/margins/", views.margins_page, name="results_margins"),
    path("results/<slug:slug>/margins/<int:pk>/delete/", views.margins_delete, name="results_margins_delete"),
    path("results/<slug:slug>/import/", views.import_page, name="results_import"),
    path("results/<slug:slug>/import/rejected/<str:token>/", views.import_rejected, name="results_import_rejected"),
    path("results/<slug:slug>/answers.<str:fmt>", views.export_answers, name="results_export_answers"),
    path("results/<slug:slug>/report/", views.report_page, name="results_report"),
]
