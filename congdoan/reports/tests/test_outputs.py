"""Every output reads the same registry: the API, the report page, its xlsx and the issued docx give
the same figures; a parent's additive figures are the sum of its children's on a generated tree; a
2022 report reads the same after a later merger and later transfers."""

import datetime as dt
import io
import random
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from congdoan.core import figures
from congdoan.core.figures import Rollup
from congdoan.core.periods import Period
from congdoan.members import services as member_services
from congdoan.members.models import Person
from congdoan.members.tests.factories import join
from congdoan.organizations import services as unit_services
from congdoan.organizations.tests.factories import make_unit
from congdoan.reports import definitions, selectors
from congdoan.reports.formatting import shown

from .conftest import FAKE_FORM, FAKE_FUND

pytestmark = pytest.mark.django_db
D = dt.date


def _xlsx_values(content: bytes) -> dict[str, object]:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    return {row[0]: row[1] for row in rows if len(row) > 1 and row[1] != ""}


def _docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))


def test_api_page_xlsx_and_docx_agree(as_, call, cdvc_officer, year_2022, fake_module):
    tree = year_2022
    client = as_(cdvc_officer)
    query = f"unit={tree.cdvc.pk}&nam=2022"
    page = client.get(f"/bao-cao/tong-ket/?{query}")
    assert page.status_code == 200
    data = page.context["data"]
    on_page = data.values()
    assert {"members.total", "units.grassroots", f"{FAKE_FORM}.collective", FAKE_FUND} <= set(on_page)
    # the API
    api = call(
        cdvc_officer, "GET", f"/reports/figures?unit={tree.cdvc.pk}&from=2022-01-01&to=2022-12-31"
    ).json()
    assert {n: api["figures"][n] for n in on_page} == on_page
    # the page's HTML shows each value where it names the figure
    html = page.content.decode()
    for name, value in on_page.items():
        cell = re.search(rf'data-figure="{re.escape(name)}"[^>]*>(.*?)</a>', html, re.S).group(1)
        assert re.sub(r"\D", "", cell) == ("" if value is None else str(value)), name
    # the xlsx: one row per figure, its label and its value
    book = client.get(f"/bao-cao/tong-ket/xlsx/?{query}")
    assert book.status_code == 200
    cells = _xlsx_values(book.content)
    for section in data.sections:
        for line in section.lines:
            # a figure nobody recorded (None) is an empty cell, which _xlsx_values leaves out
            assert cells.get(line.label) == line.value, line.name
    # the docx of the issued report: every figure written as the page writes it
    issued = client.post(
        f"/bao-cao/tong-ket/ban-hanh/?{query}",
        {
            "issue-signed_on": "05/01/2023",
            "issue-signer_name": "Phạm Văn Hải",
            "issue-signer_position": "Phó Chủ tịch",
        },
    )
    assert issued.status_code == 302, issued.content.decode()[:2000]
    document = (
        selectors.report_data(actor=cdvc_officer, report=definitions.YEAR_END, scope=data.scope)
        .issued[0]
        .document
    )
    assert document.number_symbol.startswith("01/BC-")
    docx = client.get(f"/van-ban/{document.pk}/word/")
    text = _docx_text(docx.content)
    for section in data.sections:
        for line in section.lines:
            written = f"{line.label}: {shown(line.value, line.measure)}".replace("\xa0", " ")
            assert written in text, line.name


def _random_tree(admin_user, root, rng):
    """Grassroots unions under ``root``, each with 0–2 teams; 0–4 members in each, some leaving in 2022."""
    units = []
    for n in range(6):
        cdcs = make_unit(f"GEN{n}", f"Công đoàn cơ sở sinh {n}", root)
        units.append(cdcs)
        for t in range(rng.randint(0, 2)):
            units.append(make_unit(f"GEN{n}T{t}", f"Tổ công đoàn {n}.{t}", cdcs, kind="to-cong-doan"))
    for unit in units:
        for i in range(rng.randint(0, 4)):
            on = D(2021, rng.randint(1, 12), 1)
            person = join(unit, name=f"Đoàn Viên {unit.pk} {i}", sex=rng.choice("FM"), on=on)
            if rng.random() < 0.25:
                member_services.member_leave(
                    actor=admin_user, person=person, on=D(2022, rng.randint(1, 12), 1)
                )
    return units


def test_a_parents_additive_figures_are_the_sum_of_its_childrens(cdvc_officer, admin_user, tree, fake_module):
    rng = random.Random(15)
    _random_tree(admin_user, tree.cdvc, rng)
    additive = [f.name for f in figures.catalogue() if f.rule == Rollup.SUM]
    period = Period.year(2022)
    scope = selectors.scope_read(actor=cdvc_officer, unit_id=tree.cdvc.pk, period=period)
    rows = selectors.figure_rows(actor=cdvc_officer, scope=scope, names=additive)
    assert len(rows) >= 9 and max(r.indent for r in rows) == 2
    children: dict[int, list] = {}
    for r in rows:
        parent = next((p for p in reversed(rows[: rows.index(r)]) if p.indent == r.indent - 1), None)
        if parent is not None:
            children.setdefault(parent.unit.id, []).append(r)
    checked = 0
    for r in rows:
        # each unit's total read alone (compute), as the API reads it
        alone = selectors.figure_values(
            actor=cdvc_officer,
            scope=selectors.scope_read(actor=cdvc_officer, unit_id=r.unit.id, period=period),
            names=additive,
        )
        assert alone == {n: r.total[n] for n in additive}
        for name in additive:
            below = sum(c.total[name] for c in children.get(r.unit.id, []))
            assert r.total[name] == r.own[name] + below, (r.unit.name, name)
            checked += bool(children.get(r.unit.id))
    assert checked
    for name in additive:  # the root's total is every unit's own value added once
        assert rows[0].total[name] == sum(r.own[name] for r in rows)


def test_a_2022_report_is_unchanged_after_a_later_merger_and_transfers(
    cdvc_officer, admin_user, year_2022, fake_module, as_
):
    tree = year_2022
    period = Period.year(2022)

    def snapshot():
        scope = selectors.scope_read(actor=cdvc_officer, unit_id=tree.cdvc.pk, period=period)
        data = selectors.report_data(actor=cdvc_officer, report=definitions.YEAR_END, scope=scope)
        rows = selectors.figure_rows(actor=cdvc_officer, scope=scope, names=definitions.YEAR_END.names())
        return data.values(), [(r.unit.id, r.unit.name, r.indent, r.own, r.total) for r in rows]

    before = snapshot()
    assert before[0]["members.total"] == 6
    # 2024: two members of A move to B; 2025: B is merged into A.
    for person in Person.objects.filter(unit=tree.a, status="active")[:2]:
        member_services.member_transfer(actor=admin_user, person=person, to_unit=tree.b, on=D(2024, 4, 1))
    join(tree.b, name="Mai Thị Mới", on=D(2024, 5, 1))
    unit_services.unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=D(2025, 1, 1))
    after = snapshot()
    assert after == before
    # The merged union's own 2022 report is still there, through its page, for whoever reaches the
    # path it closed with (QA: the unit picker offered today's units only and answered 422).
    response = as_(cdvc_officer).get("/bao-cao/tong-ket/", {"unit": tree.b.pk, "nam": 2022})
    assert response.status_code == 200, response.content.decode()[:500]
    assert tree.b.version_on(D(2022, 12, 31)).name in response.content.decode()
    assert "không có trong danh sách" not in response.content.decode()
    # today's figures did change: everyone, and the member who joined in 2024, is now in A
    scope = selectors.scope_read(actor=cdvc_officer, unit_id=tree.a.pk, period=Period.year(2025))
    assert (
        selectors.figure_values(actor=cdvc_officer, scope=scope, names=["members.total"])["members.total"]
        == 7
    )


def test_the_officer_who_holds_a_unit_today_reads_its_past_figures_of_every_module(
    call, officer_a, admin_user, year_2022, fake_module
):
    """A grassroots union moved under A in 2024: A's officer opens its 2022 report (``scope_read``
    allows today's reach) and reads every module's figures, not the members' alone (each group's
    permission is asked as of the figures' date or today, the same rule)."""
    tree = year_2022
    moved = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc, on=D(2021, 1, 1))
    fake_module[moved.pk] = {f"{FAKE_FORM}.collective": 5, f"{FAKE_FORM}.individual": 0, FAKE_FUND: 0}
    unit_services.unit_move(actor=admin_user, unit=moved, new_parent=tree.a, on=D(2024, 1, 1))
    response = call(officer_a, "GET", f"/reports/figures?unit={moved.pk}&from=2022-01-01&to=2022-12-31")
    assert response.status_code == 200
    assert response.json()["figures"][f"{FAKE_FORM}.collective"] == 5
