"""Pages of the agreements app."""

from django.urls import path

from tripartite.agreements import views
from tripartite.core.pages import record_paths

app_name = "agreements"
urlpatterns = [
    *record_paths(views, "agreement"),
    path("export.<str:fmt>", views.export, name="export"),
    path("findings/", views.findings, name="findings"),
    path("coverage/", views.coverage, name="coverage"),
    path("compare/", views.compare, name="compare"),
    path("commitments/overdue/", views.overdue, name="overdue"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path("<int:pk>/parties/new/", views.party_add, name="party_add"),
    path("parties/<int:party_id>/remove/", views.party_remove, name="party_remove"),
    path("parties/<int:party_id>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/bargaining/new/", views.member_add, name="member_add"),
    path("bargaining/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/clauses/new/", views.clause_add, name="clause_add"),
    path("clauses/<int:clause_id>/edit/", views.clause_edit, name="clause_edit"),
    path("clauses/<int:clause_id>/delete/", views.clause_delete, name="clause_delete"),
    path("clauses/<int:clause_id>/history/", views.clause_history, name="clause_history"),
    path("<int:pk>/commitments/new/", views.commitment_add, name="commitment_add"),
    path("commitments/<int:commitment_id>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:commitment_id>/fulfil/", views.commitment_fulfil, name="commitment_fulfil"),
    path("<int:pk>/procedure/", views.procedure_edit, name="procedure"),
    path("<int:pk>/document/", views.document_upload, name="document"),
    path("<int:pk>/public-copy/", views.public_copy_upload, name="public_copy"),
    path("<int:pk>/download/<str:which>/", views.download, name="download"),
    path("<int:pk>/file/", views.file, name="file"),
    path("<int:pk>/coding/", views.coding_upload, name="coding_upload"),
    path("coding/<int:batch_id>/", views.coding_review, name="coding_review"),
    path("coding/suggestions/<int:suggestion_id>/accept/", views.suggestion_accept, name="suggestion_accept"),
    path("coding/suggestions/<int:suggestion_id>/correct/", views.suggestion_correct, name="suggestion_correct"),
    path("coding/suggestions/<int:suggestion_id>/reject/", views.suggestion_reject, name="suggestion_reject"),
]
