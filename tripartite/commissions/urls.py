"""Pages of the commissions app."""

from django.urls import path

app_name = "commissions"
urlpatterns: list = []
