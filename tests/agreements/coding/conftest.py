"""Each coding test trains into its own model directory (the first suggestion trains from the seed corpus)."""

from __future__ import annotations

from typing import Any

import pytest

from tripartite.agreements.coding import model


@pytest.fixture(autouse=True)
def model_dir(settings: Any, tmp_path: Any) -> Any:
    settings.CLAUSE_MODEL_DIR = tmp_path / "clause-models"
    model._loaded.clear()
    yield settings.CLAUSE_MODEL_DIR
    model._loaded.clear()
