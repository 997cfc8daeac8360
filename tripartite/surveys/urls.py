"""Pages of the surveys app: collection (questionnaires, campaigns, the respondent's form) and results."""

from tripartite.surveys import urls_collect, urls_results

app_name = "surveys"
urlpatterns = [*urls_collect.urlpatterns, *urls_results.urlpatterns]
