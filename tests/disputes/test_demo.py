"""The demonstration register contains a dozen disputes that make the summary meaningful."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tripartite.demo.services import load_demo
from tripartite.disputes import queries
from tripartite.disputes.models import Dispute, Document, Strike

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_loads_a_dozen_disputes_that_make_the_summary_meaningful():
    result = load_demo()
    assert any("collective labour disputes" in line for line in result.extras)
    disputes = Dispute.objects.all()
    assert disputes.count() == 12 and all(d.is_demo for d in disputes)
    assert {d.demands_received_on.year for d in disputes} >= {timezone.localdate().year - 1}
    assert len({d.region_id for d in disputes}) >= 3 and len({d.sector_id for d in disputes}) >= 4
    settled_at = {d.settled_stage for d in disputes.filter(stage="settled")}
    assert settled_at == {"demands", "conciliation", "mediation", "arbitration", "strike"}
    assert {"court", "withdrawn"} <= {d.stage for d in disputes}
    assert Strike.objects.filter(started_on__isnull=False, participants__gt=0).count() == 1

    today = timezone.localdate()
    summary = queries.summary(today)
    assert summary.total is not None and summary.total.disputes == 12
    assert summary.total.deadlines_missed >= 1
    assert 0 < summary.total.share_settled_without_strike < 1
    from tripartite.core.models import User

    rows = queries.deadline_list(user=User.objects.get(username="secretary"), today=today)
    assert rows and {r.status for r in rows} & {"overdue", "upcoming", "due_today"}

    letter = Document.objects.exclude(file="").get()
    assert letter.code == "demands_letter" and letter.file_name == "demands_letter-demo.pdf"
    with letter.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"Demo-Metall" in content and letter.file_size == len(content)


def test_every_dispute_page_of_the_demo_renders_for_the_inspectorate_in_each_language(client):
    from tripartite.core.models import User

    load_demo()
    client.force_login(User.objects.get(username="secretary"))
    open_dispute = Dispute.objects.exclude(stage__in=["settled", "court", "withdrawn"]).first()
    strike = Strike.objects.first()
    urls = ["/disputes/", "/disputes/deadlines/", "/disputes/summary/", "/disputes/procedure/",
            "/disputes/employment/", "/disputes/new/", f"/disputes/{open_dispute.pk}/advance/",
            f"/disputes/{open_dispute.pk}/steps/new/", f"/disputes/{open_dispute.pk}/documents/new/",
            f"/disputes/{open_dispute.pk}/participants/new/", f"/disputes/{open_dispute.pk}/sessions/new/",
            f"/disputes/{open_dispute.pk}/demands/new/", f"/disputes/{open_dispute.pk}/conciliators/new/",
            f"/disputes/{open_dispute.pk}/edit/", f"/disputes/strikes/{strike.pk}/",
            *[f"/disputes/{d.pk}/" for d in Dispute.objects.all()], f"/disputes/{open_dispute.pk}/history/",
            f"/disputes/documents/{Document.objects.exclude(file='').get().pk}/file/"]
    for language, pages in (("kk", urls), ("ru", urls[:4]), ("en", urls[:4])):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        for url in pages:
            assert client.get(url).status_code == 200, (language, url)
