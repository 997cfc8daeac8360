"""Pages for questionnaires, campaigns and the respondent's form."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
