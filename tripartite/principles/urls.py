"""Pages of the principles app."""

from django.urls import path

from tripartite.principles import views

app_name = "principles"
urlpatterns = [
    path("", views.principle_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("conventions/", views.convention_list, name="conventions"),
    path("conventions/<str:code>/", views.convention_detail, name="convention"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("records/<str:kind>/<int:pk>/", views.record_tags, name="record"),
    path("<str:code>/", views.principle_detail, name="detail"),
]
