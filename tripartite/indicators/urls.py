"""Pages of the indicators app."""

from django.urls import path

from tripartite.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("report/state-of-social-dialogue.docx", views.report_docx, name="report_docx"),
    path("report/state-of-social-dialogue.xlsx", views.report_xlsx, name="report_xlsx"),
    path("statistics/", views.statistic_list, name="statistics"),
    path("statistics/import/", views.statistic_import, name="import"),
    path("statistics/<int:pk>/", views.statistic_detail, name="statistic"),
    path("statistics/<int:pk>/history/", views.statistic_history, name="statistic_history"),
    path("<slug:code>/", views.indicator_detail, name="detail"),
    path("<slug:code>/data.csv", views.indicator_csv, name="data_csv"),
    path("<slug:code>/data.json", views.indicator_json, name="data_json"),
]
