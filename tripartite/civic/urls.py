"""Pages of the civic app."""


app_name = "civic"
urlpatterns: list = []
