"""Demonstration disputes: a dozen over two years, in several regions and sectors, settled at each stage, one
strike, one with a missed deadline, and a few still open, so the summary and the deadline list mean something.

Everything is fictional ("demo"); dates are offsets from the day the demo is loaded. Records are created
through the disputes services, as a user's edits would be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tripartite.core.models import Region, Sector, User
from tripartite.disputes import services
from tripartite.disputes.models import Dispute
from tripartite.partners.demo import demo_organisation
from tripartite.partners.models import Organisation

# Extra employers (fictional): key, kk, ru, en, KATO region, OKED section.
EMPLOYERS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("employer_hospital", "Облыстық демо-аурухана (демо)", "Областная демо-больница (демо)",
     "Regional Demo Hospital (demo)", "630000000", "Q"),
    ("employer_oil", "«Демо-Мұнай Сервис» ЖШС (демо)", "ТОО «Демо-Нефть Сервис» (демо)", "Demo-Oil Service LLP (demo)",
     "470000000", "B"),
    ("employer_transit", "«Демо-Транзит» АҚ (демо)", "АО «Демо-Транзит» (демо)", "Demo-Transit JSC (demo)",
     "750000000", "H"),
    ("employer_market", "«Демо-Маркет» ЖШС (демо)", "ТОО «Демо-Маркет» (демо)", "Demo-Market LLP (demo)",
     "750000000", "G"),
)


#: Serial numbers of the demo BINs of these employers (the partners' demo uses the first few dozen).
BIN_SERIALS_FROM = 700


@dataclass(frozen=True)
class Case:
    subject: str
    employer: str
    union: str | None
    employees: int
    start: int  # offset in days from today of the day the demands were received
    demands: tuple[tuple[str, str], ...]
    actions: tuple[tuple[Any, ...], ...]  # (kind, offset from start, ...)
    representatives: str = ""


CASES: tuple[Case, ...] = (
    Case("Indexation of wages at Demo-Metall (demo)", "employer_demo", "primary_demo_metall", 1200, -700,
         (("wages", "Index wages by 12% from 1 January."), ("safety", "Replace protective clothing twice a year.")),
         (("doc", 0, "demands_letter"), ("doc", 0, "demands_protocol"), ("step", 0, "inspectorate_notified"),
          ("step", 2, "employer_replied"), ("doc", 2, "employer_reply"),
          ("advance", 3, "settled", "The employer accepted both demands.", "satisfied"))),
    Case("Night-shift pay at the Regional Demo Hospital (demo)", "employer_hospital", "primary_east_hospital", 310, -620,
         (("wages", "Pay night shifts at 150%."),),
         (("doc", 0, "demands_protocol"), ("step", 0, "inspectorate_notified"), ("step", 3, "employer_replied"),
          ("advance", 4, "conciliation", "The employer refused.", ""), ("step", 6, "conciliation_formed"),
          ("participants", 6), ("session", 9), ("step", 12, "conciliation_decision"),
          ("advance", 12, "settled", "Night shifts paid at 140% from next quarter.", "partly"))),
    Case("Shift schedule and bonuses at Demo-Oil Service (demo)", "employer_oil", "union_center_mangystau", 640, -560,
         (("working_time", "Restore the 14/14 shift schedule."), ("wages", "Pay the regional bonus again.")),
         (("step", 0, "inspectorate_notified"), ("step", 3, "employer_replied"),
          ("advance", 4, "conciliation", "The employer refused.", ""), ("step", 7, "conciliation_formed"),
          ("participants", 7), ("session", 10), ("step", 14, "conciliation_decision"),
          ("advance", 15, "strike", "Protocol of disagreement.", ""), ("doc", 15, "strike_minutes"),
          ("strike", 20, 27, 420, True),
          ("advance", 28, "settled", "Schedule restored; bonus paid from next month.", "satisfied"))),
    Case("Route pay at Demo-Transit (demo)", "employer_transit", "union_center_almaty", 900, -480,
         (("wages", "Pay drivers for split shifts."),),
         (("step", 0, "inspectorate_notified"), ("step", 2, "employer_replied"),
          ("advance", 3, "conciliation", "The employer refused.", ""), ("step", 5, "conciliation_formed"),
          ("step", 12, "conciliation_decision"), ("advance", 13, "mediation", "No agreement in the commission.", ""),
          ("doc", 14, "mediator_consent"),
          ("advance", 30, "settled", "Mediation agreement signed.", "satisfied"))),
    Case("Safety equipment at Demo-Metall's foundry (demo)", "employer_demo", "primary_demo_metall", 350, -420,
         (("safety", "Install ventilation in the foundry."),),
         (("step", 0, "inspectorate_notified"), ("step", 3, "employer_replied"),
          ("advance", 3, "conciliation", "", ""), ("step", 6, "conciliation_formed"), ("step", 13, "conciliation_decision"),
          ("advance", 14, "arbitration", "No agreement.", ""), ("step", 17, "arbitration_formed"),
          ("step", 30, "arbitration_decision"),
          ("advance", 31, "settled", "Ventilation to be installed within six months.", "satisfied"))),
    Case("Overtime at Demo-Market (demo)", "employer_market", None, 85, -360,
         (("working_time", "Stop unpaid overtime."),),
         (("step", 0, "inspectorate_notified"), ("advance", 2, "withdrawn", "", "withdrawn")),
         representatives="Three representatives elected at the staff meeting (demo)"),
    Case("Dismissals at Demo-Oil Service (demo)", "employer_oil", "union_center_mangystau", 120, -300,
         (("employment", "Reinstate the dismissed union activists."),),
         (("step", 0, "inspectorate_notified"), ("step", 3, "employer_replied"),
          ("advance", 3, "conciliation", "", ""), ("step", 6, "conciliation_formed"),
          ("step", 15, "conciliation_decision"), ("advance", 16, "arbitration", "", ""),
          ("step", 20, "arbitration_formed"), ("advance", 40, "court", "Arbitration decision contested.", "rejected"))),
    Case("Meal allowance at the Regional Demo Hospital (demo)", "employer_hospital", "primary_east_hospital", 420, -240,
         (("social", "Restore the meal allowance."),),
         (("step", 0, "inspectorate_notified"), ("step", 1, "employer_replied"),
          ("advance", 2, "settled", "Allowance restored.", "satisfied"))),
    # The missed deadline: the employer replied after the three working days.
    Case("Bonuses at Demo-Transit (demo)", "employer_transit", "union_center_almaty", 600, -180,
         (("wages", "Pay the annual bonus."),),
         (("step", 0, "inspectorate_notified"), ("step", 9, "employer_replied"),
          ("advance", 10, "conciliation", "Late refusal.", ""), ("step", 12, "conciliation_formed"),
          ("step", 18, "conciliation_decision"), ("advance", 18, "settled", "Bonus paid in two parts.", "partly"))),
    # Still open.
    Case("Housing allowance at Demo-Oil Service (demo)", "employer_oil", "union_center_mangystau", 500, -14,
         (("social", "Pay the housing allowance to rotation workers."),),
         (("step", 0, "inspectorate_notified"), ("step", 3, "employer_replied"),
          ("advance", 4, "conciliation", "The employer refused.", ""), ("step", 7, "conciliation_formed"),
          ("participants", 7))),
    Case("Collective agreement talks at Demo-Metall (demo)", "employer_demo", "primary_demo_metall", 1900, -1,
         (("agreement", "Start negotiating the new collective agreement."),),
         (("doc", 0, "demands_letter", "Demands of the employees of Demo-Metall (demonstration document)"),)),
    Case("Schedules at Demo-Market (demo)", "employer_market", None, 60, -12,
         (("working_time", "Publish shift schedules a month ahead."),),
         (), representatives="Elected representatives of the sales staff (demo)"),
)

PARTICIPANTS = (
    ("employer", "member", "Employer's representative 1 (demo)"),
    ("employer", "member", "Employer's representative 2 (demo)"),
    ("workers", "member", "Union representative 1 (demo)"),
    ("workers", "member", "Union representative 2 (demo)"),
)


def demo_pdf(text: str) -> bytes:
    """A one-page PDF that shows ``text`` (ASCII), generated here so the demo needs no file on disk."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii")
    stream = b"BT /F1 12 Tf 56 780 Td (" + escaped + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _employers(by: User, orgs: dict[str, Organisation]) -> dict[str, Organisation]:
    regions = {r.kato: r for r in Region.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    found = dict(orgs)
    for serial, (key, kk, ru, en, region, sector) in enumerate(EMPLOYERS, start=BIN_SERIALS_FROM):
        found[key] = demo_organisation(
            by=by, serial=serial, kind="employer", names=(kk, ru, en),
            regions=[regions[region]] if region in regions else [],
            sectors=[sectors[sector]] if sector in sectors else [],
        )
    return found


def _with_weekly_reports(case: Case, start: date, today: date) -> list[tuple[Any, ...]]:
    """The case's actions with the employer's weekly reports to the inspectorate, while the dispute is open."""
    if not any(a[0] == "step" and a[2] == "inspectorate_notified" for a in case.actions):
        return list(case.actions)
    closes = any(a[0] == "advance" and a[2] in ("settled", "court", "withdrawn") for a in case.actions)
    last = max(a[1] for a in case.actions) if closes else (today - start).days
    reports = [("step", week * 7, "inspectorate_report") for week in range(1, last // 7 + 1) if week * 7 < last or not closes]
    ordered = [(a[1], 1, i, a) for i, a in enumerate(case.actions)] + [(r[1], 0, i, r) for i, r in enumerate(reports)]
    return [a for *_key, a in sorted(ordered, key=lambda item: item[:3])]


def _play(dispute: Dispute, case: Case, start: date, by: User, today: date) -> None:
    for action in _with_weekly_reports(case, start, today):
        kind, offset = action[0], action[1]
        on = start + timedelta(days=offset)
        dispute.refresh_from_db()
        if kind == "step":
            services.step_record(dispute=dispute, by=by, step=action[2], on=on)
        elif kind == "doc":
            attached: dict[str, Any] = {"file_name": f"{action[2]}-demo.pdf", "content": demo_pdf(action[3])} if len(action) > 3 else {}
            services.document_add(dispute=dispute, by=by, code=action[2], dated=on, **attached)
        elif kind == "advance":
            status = action[4]
            statuses = {d.pk: status for d in dispute.demands.all()} if status else {}
            services.dispute_advance(dispute=dispute, by=by, to_stage=action[2], on=on, decision=action[3],
                                     demand_statuses=statuses)
        elif kind == "participants":
            for side, role, name in PARTICIPANTS:
                services.participant_add(dispute=dispute, by=by, side=side, role=role, person_name=name)
        elif kind == "session":
            services.session_add(dispute=dispute, by=by, held_on=on, quorum=True, minutes="Demo session.")
        elif kind == "strike":
            strike = dispute.strikes.get()
            services.strike_update(strike=strike, by=by, data={
                "started_on": on, "ended_on": start + timedelta(days=action[2]), "participants": action[3],
                "lawful": action[4], "reason": "",
            })


def load(*, by: User, users: dict[str, User], orgs: dict[str, Organisation], today: date) -> str:
    """Create the demonstration disputes; returns one line saying what was loaded."""
    all_orgs = _employers(by, orgs)
    regions = {r.pk: r for r in Region.objects.all()}
    created = []
    for case in CASES:
        employer = all_orgs[case.employer]
        start = today + timedelta(days=case.start)
        region = employer.regions.first() or next(iter(regions.values()))
        sector = employer.sectors.first() or Sector.objects.get(code="C")
        dispute = services.dispute_create(
            by=by, subject=case.subject, employer=employer, union=all_orgs[case.union] if case.union else None,
            workers_representatives=case.representatives, employees_involved=case.employees, region=region,
            sector=sector, demands_received_on=start, demands=[{"topic": t, "text": x} for t, x in case.demands],
            employer_language="ru", workers_language="kk",
        )
        if "conciliator" in users and case.start > -500:
            services.conciliator_assign(dispute=dispute, by=by, user=users["conciliator"])
        _play(dispute, case, start, by, today)
        created.append(dispute.pk)
    Dispute.objects.filter(pk__in=created).update(is_demo=True)
    Organisation.objects.filter(pk__in=[all_orgs[key].pk for key, *_rest in EMPLOYERS]).update(is_demo=True)
    return (f"{len(created)} collective labour disputes (one strike, one missed deadline, three open; "
            "one demands letter with its PDF)")
