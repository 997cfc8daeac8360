"""Django settings, read from environment variables with safe defaults for the embedded mode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TRIPARTITE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a True/False environment variable; anything else is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw in ("True", "true", "1"):
        return True
    if raw in ("False", "false", "0"):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    return [item.strip() for item in raw.split(",") if item.strip()] if raw else default


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("TRIPARTITE_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # Embedded/demo mode: a fixed development key. Production sets SECRET_KEY.
    SECRET_KEY = "tripartite-embedded-mode-not-secret"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "ninja",
    "tripartite.core",
    "tripartite.partners",
    "tripartite.commissions",
    "tripartite.agreements",
    "tripartite.disputes",
    "tripartite.consultations",
    "tripartite.surveys",
    "tripartite.grants",
    "tripartite.indicators",
    "tripartite.principles",
    "tripartite.programmes",
    "tripartite.demo",
]

MIDDLEWARE = [
    "tripartite.core.api_guard.ApiErrorMiddleware",  # first: JSON errors under /api/, even other middleware's
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tripartite.core.pages.SignInRequiredMiddleware",
]

ROOT_URLCONF = "tripartite.urls"
WSGI_APPLICATION = "tripartite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tripartite.core.context.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tripartite.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# A persistent connection is checked before reuse, so a restarted PostgreSQL costs no 500 once it accepts
# connections again; while it is down the API answers 503 with Retry-After (core.api_support).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the one file. SQLite ignores select_for_update, so a transaction that reads
    # then writes would fail at once ("database is locked", whatever the timeout) when another worker wrote in
    # between: IMMEDIATE takes the write lock at BEGIN and waits up to `timeout` seconds for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "ru")
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# Django ships no number or date formats for Kazakh: ours (decimal comma, grouped thousands, dd.mm.yyyy).
FORMAT_MODULE_PATH = ["tripartite.formats"]
LOCALE_PATHS: list[Path] = []  # each app keeps its catalogues in tripartite/<app>/locale/
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("TRIPARTITE_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tripartite@localhost")

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
# Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests from the platform's own origin
# only, no inline script or style (templates put styles in static CSS, charts are SVG with attributes only), no
# plugins, no framing. `data:` images: the API documentation's icons. The browser tests fail on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
        "font-src": ["'self'"], "connect-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
        "form-action": ["'self'"], "frame-ancestors": ["'none'"],
    },
}

# Which country's rules the platform applies (tripartite/jurisdictions/).
TRIPARTITE_JURISDICTION = os.environ.get("TRIPARTITE_JURISDICTION", "kz")
# Locally confirmed values for rules the pack marks unverified: {"rule_key": value}.
# A JSON object in the environment, e.g. TRIPARTITE_RULE_OVERRIDES='{"strike_notice": 10}'. Overridden rules
# stay marked unverified; a key the pack does not know stops the start-up with a clear error.
try:
    TRIPARTITE_RULE_OVERRIDES: dict[str, object] = json.loads(os.environ.get("TRIPARTITE_RULE_OVERRIDES", "{}"))
except json.JSONDecodeError as exc:
    raise ImproperlyConfigured(f"TRIPARTITE_RULE_OVERRIDES is not valid JSON: {exc}") from exc
if not isinstance(TRIPARTITE_RULE_OVERRIDES, dict):
    raise ImproperlyConfigured("TRIPARTITE_RULE_OVERRIDES must be a JSON object")
TRIPARTITE_PAGE_SIZE = int(os.environ.get("TRIPARTITE_PAGE_SIZE", "25"))
# Survey submissions allowed per (hashed) address per hour; 0 turns the limit off (benchmarks).
SURVEYS_SUBMISSIONS_PER_HOUR = int(os.environ.get("SURVEYS_SUBMISSIONS_PER_HOUR", "30"))
# Sign-in throttling (tripartite/core/throttle.py): failed sign-ins allowed per username, and per (hashed, never
# stored) client address, within the window; then sign-ins are refused until the window passes. 0 turns a limit off.
LOGIN_FAILURES_ALLOWED = int(os.environ.get("LOGIN_FAILURES_ALLOWED", "5"))
LOGIN_FAILURES_ALLOWED_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_ALLOWED_PER_ADDRESS", "50"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "15"))
# Reverse proxies in front of the platform that append the client's address to X-Forwarded-For (0: none, the
# connection's address is the client's). Behind a proxy, set it, or every client counts as the proxy's address.
TRIPARTITE_TRUSTED_PROXIES = int(os.environ.get("TRIPARTITE_TRUSTED_PROXIES", "0"))
# Records created by `tripartite load-demo` are marked and shown as demonstration data.
TRIPARTITE_DEMO_BANNER = env_bool("TRIPARTITE_DEMO_BANNER", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

AUTHENTICATION_BACKENDS = ["tripartite.core.backends.PlatformRoleBackend"]

# Agreement coding (issue 18): where the trained clause-topic models are kept, one file per version.
CLAUSE_MODEL_DIR = Path(os.environ.get("TRIPARTITE_CLAUSE_MODEL_DIR", VAR_DIR / "clause-models"))
