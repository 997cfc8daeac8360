"""Pages of the disputes app."""


app_name = "disputes"
urlpatterns: list = []
