"""Pages of the consultations app."""

from django.urls import path

from tripartite.consultations import views
from tripartite.consultations.feeds import CommissionConsultationsFeed

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("mine/", views.my_consultations, name="mine"),
    path("new/", views.draft_create, name="create"),
    path("<int:pk>/", views.draft_detail, name="draft"),
    path("<int:pk>/edit/", views.draft_edit, name="draft_edit"),
    path("<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/history/", views.draft_history, name="draft_history"),
    path("<int:pk>/versions/new/", views.version_add, name="version_add"),
    path("<int:pk>/diff/", views.version_diff, name="diff"),
    path("<int:pk>/refer/", views.refer, name="refer"),
    path("<int:pk>/outcome/", views.draft_close, name="close"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:pk>/publish/", views.referral_publish, name="publish"),
    path("referrals/<int:pk>/meeting/", views.referral_meeting, name="referral_meeting"),
    path("referrals/<int:pk>/history/", views.referral_history, name="referral_history"),
    path("referrals/<int:pk>/positions/new/", views.position_add, name="position_add"),
    path("referrals/<int:pk>/table.docx", views.table_docx, name="table_docx"),
    path("referrals/<int:pk>/table.xlsx", views.table_xlsx, name="table_xlsx"),
    path("positions/<int:pk>/withdraw/", views.position_withdraw, name="position_withdraw"),
    path("positions/<int:pk>/reply/", views.reply, name="reply"),
    path("positions/<int:pk>/history/", views.position_history, name="position_history"),
    path("commission/<int:pk>/", views.commission_consultations, name="commission"),
    path("commission/<int:pk>/feed.atom", CommissionConsultationsFeed(), name="commission_feed"),
]
