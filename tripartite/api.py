"""The REST API at /api/v1: one NinjaAPI that mounts each app's router."""

from __future__ import annotations

from tripartite.agreements.api import router as agreements_router
from tripartite.commissions.api import router as commissions_router
from tripartite.consultations.api import router as consultations_router
from tripartite.core.api import router as auth_router
from tripartite.core.api_support import PlatformAPI, PlatformAuth
from tripartite.disputes.api import router as disputes_router
from tripartite.grants.api import router as grants_router
from tripartite.indicators.api import router as indicators_router
from tripartite.partners.api import router as partners_router
from tripartite.principles.api import router as principles_router
from tripartite.programmes.api import router as programmes_router
from tripartite.surveys.api import router as surveys_router

api = PlatformAPI(
    title="Tripartite API",
    version="1",
    description=(
        "Social partners, tripartite commissions and their decisions. Authenticate with "
        "`POST /api/v1/auth/token` and send `Authorization: Bearer <token>`; anonymous callers see "
        "published records only. Every error under /api/ has the one body `ErrorBody`: "
        "`{code, message, detail, errors: [{field, message}]}` (`code` is stable, `message` is translated)."
    ),
    auth=PlatformAuth(),
    urls_namespace="api-v1",
)

api.add_router("/auth", auth_router)


api.add_router("/partners", partners_router)
api.add_router("/commissions", commissions_router)
api.add_router("/agreements", agreements_router)
api.add_router("/disputes", disputes_router)
api.add_router("/consultations", consultations_router)
api.add_router("/surveys", surveys_router)
api.add_router("/civic", grants_router)  # the grants app; its API keeps the address it was published at
api.add_router("/indicators", indicators_router)
api.add_router("/principles", principles_router)
api.add_router("/programmes", programmes_router)
