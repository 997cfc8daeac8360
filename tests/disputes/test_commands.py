"""`tripartite deadlines DATE`: every statutory deadline an event on DATE starts, as text or JSON."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tripartite.cli import main


def _json(*args: str) -> list[dict]:
    out = StringIO()
    call_command("deadlines", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_json_lists_each_rule_with_due_date_unit_source_and_status():
    rows = {r["rule"]: r for r in _json("2025-03-19")}
    reply = rows["employer_reply_to_demands"]
    assert reply == {"rule": "employer_reply_to_demands", "due": "2025-03-27", "days": 3, "unit": "working",
                     "source": reply["source"], "verified": True}
    assert "163(2)" in reply["source"]
    assert rows["inspectorate_notification"]["due"] == "2025-03-19"
    assert rows["conciliation_commission_creation"]["verified"] is False
    assert rows["strike_notice"]["due"] is None and rows["strike_notice"]["verified"] is False
    assert set(reply) == {"rule", "due", "days", "unit", "source", "verified"}


def test_independence_day_and_a_transferred_day_off_are_skipped():
    assert {r["rule"]: r["due"] for r in _json("2025-12-15")}["employer_reply_to_demands"] == "2025-12-19"
    assert {r["rule"]: r["due"] for r in _json("2024-12-31")}["employer_reply_to_demands"] == "2025-01-08"


def test_text_says_the_event_day_does_not_count_and_marks_unset_rules():
    out = StringIO()
    call_command("deadlines", "2025-03-19", "--jurisdiction", "kz", stdout=out)
    text = out.getvalue()
    assert "the event day does not count" in text
    assert "not set — unverified, configure via TRIPARTITE_RULE_OVERRIDES" in text
    assert "2025-03-27" in text and "[verified]" in text and "[UNVERIFIED]" in text


@pytest.mark.parametrize(("args", "message"), [
    (["2025-02-30"], "invalid date"),
    (["tomorrow"], "invalid date"),
    (["2025-03-19", "--jurisdiction", "xx"], "unknown jurisdiction"),
])
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("deadlines", *args)


def test_the_cli_prints_one_line_and_exits_2_on_bad_input(capsys):
    assert main(["deadlines", "2025-13-01"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tripartite deadlines: invalid date") and "\n" not in err
    assert main(["deadlines", "2025-03-19", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["rule"] == "employer_reply_to_demands"


def test_a_configured_rule_is_printed_with_its_date(settings):
    settings.TRIPARTITE_RULE_OVERRIDES = {"strike_notice": 10}
    rows = {r["rule"]: r for r in _json("2025-03-19")}
    assert rows["strike_notice"]["due"] == "2025-04-07" and rows["strike_notice"]["verified"] is False
