"""The demo's year-end report of CĐVC TP Hà Nội for 2022 (seed 001): issued with a number, the
officer's texts stored, and the seed's figures from the records for every figure whose module is
installed (the others are checked once their modules are merged: the names are the brief's)."""

import datetime as dt
import re

import pytest

from congdoan.core import figures
from congdoan.core.periods import Period
from congdoan.demo.tests.conftest import run_load_demo
from congdoan.organizations.models import Unit
from congdoan.reports import definitions, selectors
from congdoan.reports.models import IssuedReport, Narrative

pytestmark = pytest.mark.django_db

SEED_001 = {
    "units.grassroots": 58,
    "conferences.cbccvc.expected": 58,
    "conferences.cbccvc.held": 57,
    "conferences.workers.expected": 4,
    "conferences.workers.held": 4,
    "dialogues.expected": 4,
    "dialogues.held": 4,
    "initiatives.recognised": 906,
    "initiatives.percent": 127,
    # the phase itself: "giai đoạn 1 đạt 906 sáng kiến (127%)"
    "initiatives.by_round.1.recognised": 906,
    "initiatives.by_round.1.target": 713,
    "initiatives.by_round.1.percent": 127,
    "awards.collective": 1 + 1 + 3 + 6,
    "awards.individual": 12 + 69,
    "welfare.by_kind.kho-khan.people": 100,  # 100 members in special hardship supported…
    "welfare.by_kind.kho-khan.amount": 100_000_000,  # …with 100 million đồng
    "welfare.by_kind.qua-tet.count": 100,  # 100 "Túi quà Tết - kết nối yêu thương"…
    "welfare.by_kind.qua-tet.amount": 50_000_000,  # …worth 50 million đồng
    # "triển khai đăng ký … đạt chuẩn văn hóa": 57 of 58 CĐCS registered, 55 accepted (the split is the demo's)
    "emulation.registrations": 57,
    "emulation.registrations_accepted": 55,
}


def test_the_demo_year_end_report_of_hanoi_2022(client):
    run_load_demo()
    unit = Unit.objects.get(code="CDVC-HN")
    issued = IssuedReport.objects.get(unit=unit, report="tong-ket", year=2022)
    assert issued.document.number_symbol and issued.document.signed_on == dt.date(2023, 1, 5)
    assert Narrative.objects.filter(unit=unit, report="tong-ket", year=2022).count() == 7
    from congdoan.accounts.models import User

    admin = User.objects.get(username="admin")
    scope = selectors.scope_read(actor=admin, unit_id=unit.pk, period=Period.year(2022))
    data = selectors.report_data(actor=admin, report=definitions.YEAR_END, scope=scope)
    values = data.values()
    known = {f.name for f in figures.catalogue()}
    checked = {name: values[name] for name in SEED_001 if name in known}
    assert checked == {name: SEED_001[name] for name in checked}
    assert "units.grassroots" in checked and values["members.total"] > 0
    # the workforce recorded on 31/12/2022 (the demo's past years): the 2022 rate is a number
    assert values["workforce.total"] >= values["members.total"]
    assert 85 <= values["members.rate_percent"] <= 100
    # the filing tracker lists the registry's 58 CĐCS (not the sections inside them): 57 of 58 held
    # their CBCCVC conference, the workers' conference counted only where it is owed (4)
    from congdoan.reports import tracker

    found = tracker.filing(actor=admin, scope=scope)
    counts = {c.part.code: (c.filed, c.owed) for c in found.counts}
    assert len(found.rows) == values["units.grassroots"] == 58
    assert counts["conference"] == (57, 58) and counts["workers"] == (4, 4) and counts["dialogue"] == (4, 4)
    # the draft Word file (before issue) through the documents module: marked, unnumbered, the seed's figures
    from congdoan.reports.formatting import shown

    from .test_draft_word import docx_text

    client.force_login(admin)
    draft = docx_text(client.get(f"/bao-cao/tong-ket/word/?unit={unit.pk}&nam=2022").content)
    assert draft.splitlines()[0] == "DỰ THẢO" and issued.document.number_symbol not in draft
    for line in (
        "- Đơn vị đã tổ chức Hội nghị CBCCVC: 57",
        "- Đơn vị phải tổ chức Hội nghị CBCCVC: 58",
        "- Đơn vị đã tổ chức đối thoại định kỳ: 4",
        "- Số công đoàn cơ sở: 58",
        "- Đơn vị đăng ký thi đua: 57",
        "- Đăng ký thi đua đã duyệt: 55",
    ):
        assert line in draft, line
    assert re.search(r"- [^:\n]*sáng kiến[^:\n]*công nhận[^:\n]*: 906", draft, re.I)
    assert f"- Tỷ lệ sáng kiến được công nhận so với chỉ tiêu: {shown(127, 'percent')}" in draft
    assert values["workforce.missing_units"] == 0  # every unit's members are in the rate
    # the 2023-2028 congresses: CĐVC TP Hà Nội's and the five of its CĐCS the demo records
    congresses = figures.compute(
        actor=admin,
        unit_id=unit.pk,
        names=["congresses.expected", "congresses.held"],
        period=Period.year(2023),
        as_of=dt.date(2023, 12, 31),
    )
    assert congresses == {"congresses.expected": 6, "congresses.held": 6}
    # the issued document carries the same figures as the report computed now
    for section in data.sections:
        for line in section.lines:
            assert f"- {line.label}: " in issued.document.body
