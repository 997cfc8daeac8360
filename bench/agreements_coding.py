"""Benchmark: machine-assisted coding of agreements on the pack's held-out articles (prints figures; asserts nothing).

    .venv/bin/python bench/agreements_coding.py

Trains a model from the seed corpus only (into a temporary directory, so nothing installed changes), then
measures on the held-out articles (written apart from the training templates): topic top-1 / top-3 accuracy per
language; parameter values exactly right (key and value) and the invented-number rate (articles that set no
parameter but got one); article boundaries found in agreements assembled from the held-out articles in eight
numbering styles; the time from a 40-page file to queued suggestions, and per suggestion (medians).
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tripartite.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
os.environ["TRIPARTITE_CLAUSE_MODEL_DIR"] = tempfile.mkdtemp(prefix="clause-models-")

import django  # noqa: E402

django.setup()

from tripartite.agreements.coding import model, services  # noqa: E402
from tripartite.agreements.coding.extract import text_from_file  # noqa: E402
from tripartite.agreements.coding.segment import articles  # noqa: E402
from tripartite.agreements.coding.values import parameters_in  # noqa: E402
from tripartite.core.jurisdiction import current_pack  # noqa: E402

MCI = 3_932  # the held-out labels use the pack's 2025 index

# Numbering styles: (section heading, article heading) per language; {s} section number, {a} article number.
STYLES = {
    "ru": [("Раздел {s}. Положения", "{s}.{a}. "), ("Глава {s}", "п. {s}.{a} "), ("", "Статья {n}. ")],
    "kk": [("{s}-бөлім. Ережелер", "{s}.{a}-тармақ. "), ("{s}-тарау", "{s}.{a}. "), ("", "{n}-бап. ")],
    "en": [("Section {s}. Provisions", "{s}.{a}. "), ("", "Article {n}. ")],
}
LISTS = {"ru": ["1) в срок;", "2) в полном объёме."], "kk": ["1) уақытында;", "2) толық көлемде."],
         "en": ["(a) on time;", "(b) in full."]}


def assemble(held: list, lang: str, section_heading: str, article_heading: str, rng: random.Random
             ) -> tuple[str, list[int]]:
    """An agreement text of the held-out articles of ``lang``, and the offsets where its articles start."""
    parts: list[str] = [{"ru": "КОЛЛЕКТИВНЫЙ ДОГОВОР", "kk": "ҰЖЫМДЫҚ ШАРТ", "en": "COLLECTIVE AGREEMENT"}[lang]]
    starts: list[int] = []
    texts = [a.text for a in held if a.lang == lang]
    n = 0
    for s in range(1, len(texts) // 4 + 1):
        if section_heading:
            parts.append(section_heading.format(s=s))
        for a in range(1, 5):
            if not texts:
                break
            n += 1
            body = texts.pop(0)
            if rng.random() < 0.3:
                body = body + "\n" + "\n".join(LISTS[lang])
            starts.append(len("\n".join(parts)) + 1)
            parts.append(article_heading.format(s=s, a=a, n=n) + body)
    return "\n".join(parts), starts


def forty_page_docx(held: list) -> bytes:
    import docx

    document = docx.Document()
    ru = [a.text for a in held if a.lang == "ru"]
    number = 0
    for s in range(1, 41):  # 40 sections of about 2 500 characters: a 40-page agreement
        document.add_paragraph(f"Раздел {s}. Положения")
        for a in range(1, 9):
            number += 1
            sentences = (ru[number % len(ru)], ru[(number * 7) % len(ru)], ru[(number * 11) % len(ru)])
            document.add_paragraph(f"{s}.{a}. " + " ".join(sentences))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    corpus = current_pack().clause_corpus
    training, held = list(corpus.training()), list(corpus.held_out())
    started = time.perf_counter()
    report = model.train(training)
    print(f"trained {report.version} on {report.examples} seed articles in {time.perf_counter() - started:.1f} s "
          f"(cross-validated accuracy {report.accuracy:.1%} — on template-composed articles, so optimistic)")

    ranks: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for article in held:
        _version, ranked = model.ranked_topics(article.text)
        codes = [code for code, _score in ranked]
        ranks[article.lang].append((codes[0] == article.topic, article.topic in codes[:3]))
    print(f"\nheld-out topic accuracy ({len(held)} articles)\n  lang  top-1   top-3   n")
    for lang in model.LANGUAGES:
        rows = ranks[lang]
        print(f"  {lang}    {sum(r[0] for r in rows) / len(rows):.1%}   {sum(r[1] for r in rows) / len(rows):.1%}"
              f"   {len(rows)}")

    expected = right = wrong = 0
    empty = invented = 0
    for article in held:
        found = {f.key: f.value for f in parameters_in(article.text, mci=MCI)}
        if not article.parameters:
            empty += 1
            invented += bool(found)
            continue
        for key, value in article.parameters.items():
            expected += 1
            right += found.get(key) == value
        wrong += sum(1 for key in found if key not in article.parameters)
    print(f"\nparameter values exactly right: {right}/{expected} = {right / expected:.1%} "
          f"(plus {wrong} values under a key the article does not set)")
    print(f"invented-number rate: {invented}/{empty} articles without parameters got one = {invented / empty:.1%}")

    rng = random.Random(18)
    found_starts = total = 0
    for lang, styles in STYLES.items():
        for section_heading, article_heading in styles:
            text, truth = assemble(held, lang, section_heading, article_heading, rng)
            got = {a.start for a in articles(text)}
            found_starts += sum(1 for t in truth if t in got)
            total += len(truth)
    print(f"\narticle boundaries found: {found_starts}/{total} = {found_starts / total:.1%} "
          f"({sum(len(s) for s in STYLES.values())} numbering styles)")

    data = forty_page_docx(held)
    times = []
    for _run in range(5):
        started = time.perf_counter()
        text = text_from_file(data)
        queue = [services.suggest(a.text) for a in services.segment_text(text)]
        times.append(time.perf_counter() - started)
    print(f"\n40-page agreement ({len(text):,} characters, {len(queue)} articles) from file to suggestions: "
          f"median {statistics.median(times):.2f} s of 5 runs")
    per = []
    for article in held:
        started = time.perf_counter()
        services.suggest(article.text)
        per.append((time.perf_counter() - started) * 1000)
    print(f"one suggestion: median {statistics.median(per):.1f} ms, slowest {max(per):.1f} ms "
          f"({len(per)} articles)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
