"""The clause-topic classifier: character n-gram TF-IDF and a linear SVM, trained offline, versioned.

Trained from the pack's seed corpus plus every clause people have coded in the database; each trained model is
one file in ``settings.CLAUSE_MODEL_DIR`` named by its version, and ``current.txt`` names the one in use. A
training run that lacks examples of a topic refuses, names the topic and keeps the previous model.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tripartite.core.jurisdiction import current_pack
from tripartite.jurisdictions.clause_corpus import LabelledArticle

from .errors import CodingError

LANGUAGES = ("kk", "ru", "en")
MIN_EXAMPLES_PER_TOPIC = 10
FOLDS = 5
SOFTMAX_SCALE = 5.0
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


class TrainingError(CodingError):
    """A training run refused (too few examples of a topic); the previous model stays in use."""


def detect_language(text: str) -> str:
    """kk when the text has letters only Kazakh uses, else ru for Cyrillic, en for Latin (ru when unsure)."""
    kazakh = len(_KAZAKH_LETTERS.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if kazakh and kazakh * 40 >= cyrillic:
        return "kk"
    if latin > cyrillic:
        return "en"
    return "ru"


def topic_codes() -> tuple[str, ...]:
    from tripartite.agreements.models import Topic

    return tuple(Topic.values)


def coded_clauses() -> list[LabelledArticle]:
    """Every clause people have coded in the database, one example per language it is written in."""
    from tripartite.agreements.models import Clause

    out = []
    for topic, *texts in Clause.objects.values_list("topic", "text_kk", "text_ru", "text_en"):
        for lang, text in zip(LANGUAGES, texts, strict=True):
            if text and text.strip():
                out.append(LabelledArticle(topic, lang, text))
    return out


def training_examples() -> list[LabelledArticle]:
    corpus = current_pack().clause_corpus
    seed = list(corpus.training()) if corpus is not None else []
    return seed + coded_clauses()


def pipeline() -> Any:
    # Measured on the held-out articles (bench/agreements_coding.py): a linear SVM matched logistic regression's
    # accuracy and trains some 60 times faster (under a second against about ten on this machine).
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1),
        LinearSVC(C=1.0),
    )


@dataclass(frozen=True)
class TrainingReport:
    version: str
    examples: int
    accuracy: float
    by_topic: dict[str, tuple[float, int]]  # topic -> (cross-validated accuracy, examples)
    by_language: dict[str, tuple[float, int]]


def _model_dir() -> Path:
    return Path(settings.CLAUSE_MODEL_DIR)


def _version(examples: list[LabelledArticle]) -> str:
    digest = hashlib.sha256("\x1e".join(f"{e.topic}\x1f{e.lang}\x1f{e.text}" for e in examples).encode())
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    return f"{current_pack().code}-{stamp}-{digest.hexdigest()[:8]}"


def train(examples: list[LabelledArticle] | None = None) -> TrainingReport:
    """Cross-validate, fit on every example, store the model as a new version and make it current."""
    import joblib
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    examples = training_examples() if examples is None else examples
    counts = Counter(e.topic for e in examples)
    for topic in topic_codes():
        if counts[topic] < MIN_EXAMPLES_PER_TOPIC:
            raise TrainingError("too_few_examples", _("Too few examples for topic %(topic)s: %(count)s, at least "
                                                      "%(minimum)s are needed. The previous model is kept."),
                                params={"topic": topic, "count": counts[topic], "minimum": MIN_EXAMPLES_PER_TOPIC})
    texts = [e.text for e in examples]
    labels = [e.topic for e in examples]
    predicted = cross_val_predict(pipeline(), texts, labels, cv=StratifiedKFold(FOLDS, shuffle=True, random_state=18))
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e, guess in zip(examples, predicted, strict=True):
        for bucket in (right[e.topic], by_lang[e.lang]):
            bucket[0] += int(guess == e.topic)
            bucket[1] += 1
    fitted = pipeline().fit(texts, labels)
    version = _version(examples)
    directory = _model_dir()
    directory.mkdir(parents=True, exist_ok=True)
    joblib.dump({"version": version, "pipeline": fitted}, directory / f"{version}.joblib")
    pointer = directory / "current.txt.tmp"
    pointer.write_text(version)
    os.replace(pointer, directory / "current.txt")
    total = sum(int(g == label) for g, label in zip(predicted, labels, strict=True))
    return TrainingReport(version, len(examples), total / len(examples),
                          {t: (r[0] / r[1], r[1]) for t, r in sorted(right.items())},
                          {lang: (r[0] / r[1], r[1]) for lang, r in sorted(by_lang.items())})


def current_version() -> str | None:
    pointer = _model_dir() / "current.txt"
    return pointer.read_text().strip() if pointer.exists() else None


def current_model() -> tuple[str, Any]:
    """The model in use and its version; the first call with no model trains one from the seed corpus."""
    import joblib

    with _lock:
        version = current_version()
        if version is None or not (_model_dir() / f"{version}.joblib").exists():
            version = train().version
        if version not in _loaded:
            _loaded.clear()
            _loaded[version] = joblib.load(_model_dir() / f"{version}.joblib")["pipeline"]
        return version, _loaded[version]


def ranked_topics(text: str) -> tuple[str, list[tuple[str, float]]]:
    """Every topic with the model's probability for ``text``, most likely first, and the model's version."""
    import numpy as np

    version, model = current_model()
    margins = model.decision_function([text])[0]
    # Scores are the softmax of the SVM's margins: they sum to one and rank as the margins do.
    exp = np.exp((margins - margins.max()) * SOFTMAX_SCALE)
    scores = dict(zip(model.classes_, exp / exp.sum(), strict=True))
    ranked = sorted(((t, float(scores.get(t, 0.0))) for t in topic_codes()), key=lambda p: (-p[1], p[0]))
    return version, ranked
