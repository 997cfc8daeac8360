"""Comparing two versions of a draft article by article."""

from __future__ import annotations

from tripartite.consultations import articles, queries, services
from tripartite.consultations.articles import Segment, word_diff

from .conftest import RU_TEXT


def test_word_diff_marks_what_was_deleted_and_inserted():
    segments = word_diff("The wage is set every year.", "The wage is set every quarter.")
    assert Segment("delete", "year.") in segments and Segment("insert", "quarter.") in segments
    assert "".join(s.text for s in segments if s.op != "insert") == "The wage is set every year."
    assert "".join(s.text for s in segments if s.op != "delete") == "The wage is set every quarter."


def test_spacing_and_line_breaks_are_not_a_change():
    assert articles.compare_status("a  b\nc", "a b c") == articles.UNCHANGED
    assert articles.compare_status(None, "x") == articles.ADDED
    assert articles.compare_status("x", None) == articles.REMOVED


def test_version_diff_lists_added_removed_and_changed_articles(world, draft):
    new_text = RU_TEXT.replace("устанавливается ежегодно", "устанавливается ежеквартально").replace(
        "Статья 3. Вступление в силу\nНастоящий Закон вводится в действие с 1 января 2027 года.\n",
        "Статья 4. Индексация\nМинимальная заработная плата индексируется.\n")
    second = services.version_add(draft=draft, by=world.secretary, texts={"ru": new_text}, note="после замечаний")
    first = draft.versions.get(number=1)
    changes = {c.key: c for c in queries.version_diff(first, second, ("ru",))}
    assert changes["1"].status == articles.UNCHANGED
    assert changes["2"].status == articles.CHANGED
    assert Segment("insert", "ежеквартально.\n") in changes["2"].segments["ru"] or any(
        s.op == "insert" and "ежеквартально" in s.text for s in changes["2"].segments["ru"])
    assert changes["3"].status == articles.REMOVED
    assert changes["4"].status == articles.ADDED
    # The old version is kept as it was.
    assert first.articles.get(key="2").text_ru.startswith("1. Минимальная заработная плата устанавливается ежегодно")
