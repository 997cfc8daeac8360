"""API endpoints of the surveys app: questionnaires, campaigns and responses (collect), results (results)."""

from __future__ import annotations

from ninja import Router

from tripartite.surveys.collect.api import router as collect_router
from tripartite.surveys.collect.xlsform_api import router as xlsform_router
from tripartite.surveys.results.api import router as results_router

router = Router(tags=["surveys"])
# Before collect: its /questionnaires/{code} would otherwise take "import-xlsform" for a questionnaire code.
router.add_router("", xlsform_router)
router.add_router("", collect_router)
router.add_router("", results_router)
