"""URL configuration: pages, the API at /api/v1, the admin, and the language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tripartite.api import api
from tripartite.core import throttle
from tripartite.core import views as core_views
from tripartite.grants import urls as grants_urls

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", throttle.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/tokens/", core_views.tokens, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", core_views.token_revoke, name="token_revoke"),
    path("partners/", include("tripartite.partners.urls")),
    path("commissions/", include("tripartite.commissions.urls")),
    path("agreements/", include("tripartite.agreements.urls")),
    path("disputes/", include("tripartite.disputes.urls")),
    path("consultations/", include("tripartite.consultations.urls")),
    path("surveys/", include("tripartite.surveys.urls")),
    path("grants/", include("tripartite.grants.urls")),
    path("civic/", include(grants_urls.moved)),  # the addresses before the app was renamed: 301 to /grants/
    path("indicators/", include("tripartite.indicators.urls")),
    path("principles/", include("tripartite.principles.urls")),
    path("programmes/", include("tripartite.programmes.urls")),
    path("admin/login/", throttle.admin_login),  # admin.site.login, answering 429 while sign-ins are throttled
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
