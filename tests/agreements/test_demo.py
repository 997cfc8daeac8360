"""The demonstration data of the agreements app loads through load_demo() and shows the intended findings."""

from __future__ import annotations

from datetime import date
from typing import Any

from tripartite.agreements.favourability import findings_for
from tripartite.agreements.models import Agreement, Commitment
from tripartite.demo.services import load_demo
from tripartite.jurisdictions import validate_bin


def test_load_demo_loads_the_agreements_with_their_findings(db: Any) -> None:
    today = date(2026, 6, 15)
    result = load_demo(today=today)
    assert any(line.startswith("Agreements:") for line in result.extras)
    demo = Agreement.objects.filter(is_demo=True)
    assert {k: demo.filter(kind=k).count() for k in ("general", "sectoral", "regional", "collective")} == {
        "general": 1, "sectoral": 2, "regional": 2, "collective": 3}
    assert Commitment.objects.filter(agreement__kind="general").count() == 4
    below_floor = Agreement.objects.get(title_en="Zhas Kurylysshy collective agreement (demo)")
    assert {f.rule_key for f in findings_for(below_floor, today) if f.against == "floor"} == {
        "minimum_wage_monthly", "normal_weekly_hours_max"}
    below_sector = Agreement.objects.get(title_en="Almaty Stroy collective agreement (demo)")
    found = findings_for(below_sector, today)
    sectoral = Agreement.objects.get(title_en="Construction sectoral agreement (demo)")
    assert [f.higher_id for f in found] == [sectoral.pk]
    assert all(f.against == "agreement" for f in found)
    fine = Agreement.objects.get(title_en="Demo-Metall LLP collective agreement (demo)")
    assert findings_for(fine, today) == []
    for agreement in Agreement.objects.filter(kind="collective"):
        validate_bin(agreement.employer.bin)  # the demo employers added here have well-formed BINs
