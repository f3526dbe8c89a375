"""Drives and contributions through the services: every rule of the module refused with a
Vietnamese message naming the field, nothing written; totals roll up exactly."""

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404

from congdoan.core import figures
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from .. import services
from ..catalogue import TOTAL, figure_name
from ..models import Contribution
from ..selectors import contribution_search, drive_search, drive_totals
from .factories import drive, give

pytestmark = pytest.mark.django_db


def _refused(call, field: str) -> str:
    before = (Contribution.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        call()
    assert (Contribution.objects.count(), AuditEntry.objects.count()) == before
    assert field in caught.value.message_dict, caught.value.message_dict
    return " ".join(caught.value.message_dict[field])


def test_a_contribution_is_recorded_with_its_audit_row(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    c = give(d, tree.a, 2_500_000, actor=cdvc_officer, receipt="bn 001")
    assert (
        c.receipt_no == "BN001" and c.contributor_name == "Công đoàn Sở Y tế" and c.contributor_unit == tree.a
    )
    assert AuditEntry.objects.filter(action="fund_contribution.record", object_id=str(c.pk)).count() == 1


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (-5, "lớn hơn 0"),
        (0, "lớn hơn 0"),
        ("-1.000", "không được âm"),
        ("1.000,5", "thập phân"),
        (1500.5, "thập phân"),
        ("1000.5", "thập phân"),
        ("1,000,000", "hãy viết 1.000.000"),
        ("12abc", "không phải là số tiền"),
        ("một triệu", "không phải là số tiền"),
    ],
)
def test_negative_zero_and_decimal_amounts_are_refused(tree, cdvc_officer, amount, words):
    d = drive(tree.cdvc, actor=cdvc_officer)
    message = _refused(lambda: give(d, tree.a, amount, actor=cdvc_officer), "amount")
    assert words in message


def test_a_receipt_number_is_used_once_per_drive(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 100_000, actor=cdvc_officer, receipt="BN-7")
    message = _refused(lambda: give(d, tree.b, 200_000, actor=cdvc_officer, receipt=" bn-7 "), "receipt_no")
    assert "BN-7" in message and "đã dùng" in message
    other = drive(tree.cdvc, actor=cdvc_officer, code="vi_nguoi_ngheo")
    assert give(other, tree.b, 200_000, actor=cdvc_officer, receipt="BN-7").pk  # another drive may


def test_a_date_outside_the_drive_is_refused(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer, starts_on=dt.date(2022, 3, 1), ends_on=dt.date(2022, 6, 30))
    message = _refused(
        lambda: give(d, tree.a, 100_000, actor=cdvc_officer, on=dt.date(2022, 7, 1)), "contributed_on"
    )
    assert "01/07/2022" in message and "01/03/2022 - 30/06/2022" in message
    assert give(d, tree.a, 100_000, actor=cdvc_officer, on=dt.date(2022, 6, 30)).pk


def test_a_unit_outside_the_launchers_subtree_is_refused(tree, admin_user):
    d = drive(tree.a)  # launched by CĐCS A: CĐCS B is not below it
    message = _refused(lambda: give(d, tree.b, 100_000), "contributor_unit")
    assert "không thuộc đơn vị phát động" in message
    message = _refused(lambda: give(d, tree.b, 100_000, kind="person", contributor_name="Bà Lan"), "unit")
    assert "không thuộc đơn vị phát động" in message


def test_an_officer_records_only_for_units_they_manage(tree, officer_a, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    assert give(d, tree.a, 100_000, actor=officer_a).unit == tree.a
    with pytest.raises(Http404):
        give(d, tree.b, 100_000, actor=officer_a)


def test_members_and_outside_people_give_at_a_cdcs(tree, cdvc_officer, officer_a):
    d = drive(tree.cdvc, actor=cdvc_officer)
    member = join(tree.a, name="Trần Thị Mai", actor=officer_a)
    c = give(d, tree.a, 500_000, actor=officer_a, kind="member", person=member)
    assert c.contributor_name == "Trần Thị Mai" and c.person == member
    outside = give(d, tree.a, 300_000, actor=officer_a, kind="person", contributor_name="Ông Nguyễn Văn Hải")
    assert outside.person is None and outside.unit == tree.a
    stranger = join(tree.b, name="Người Đơn Vị Khác")
    _refused(lambda: give(d, tree.a, 1, actor=officer_a, kind="member", person=stranger), "person")
    _refused(lambda: give(d, tree.a, 1, actor=officer_a, kind="person"), "contributor_name")


def test_a_drive_ends_after_it_starts(tree, cdvc_officer):
    with pytest.raises(ValidationError) as caught:
        drive(tree.cdvc, actor=cdvc_officer, starts_on=dt.date(2022, 5, 1), ends_on=dt.date(2022, 4, 30))
    assert "ends_on" in caught.value.message_dict


def test_many_entries_are_all_written_or_none(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    good = services.Entry(
        {
            "unit": tree.a.pk,
            "contributor_unit": tree.a.pk,
            "amount": 5,
            "receipt_no": "A1",
            "contributed_on": d.starts_on,
        },
        1,
    )
    twin = services.Entry(
        {
            "unit": tree.b.pk,
            "contributor_unit": tree.b.pk,
            "amount": 7,
            "receipt_no": "A1",
            "contributed_on": d.starts_on,
        },
        2,
    )
    with pytest.raises(services.EntryErrors) as caught:
        services.contributions_record_many(actor=cdvc_officer, drive=d, entries=[good, twin])
    assert caught.value.messages == ["Dòng 2: Số biên nhận 'A1' đã dùng trong đợt vận động này."]
    assert not Contribution.objects.exists()
    twin = services.Entry({**twin.values, "receipt_no": "A2"}, 2)
    good = services.Entry(good.values, 1)
    assert len(services.contributions_record_many(actor=cdvc_officer, drive=d, entries=[good, twin])) == 2
    assert AuditEntry.objects.filter(action="fund_contribution.record").count() == 2


def _random_tree(root, rng, depth=3, prefix="G"):
    units = []
    for i in range(rng.randint(1, 3)):
        kind = "cdcs" if depth == 1 else "cd-cap-tren-co-so"
        unit = make_unit(f"{prefix}{i}", f"Đơn vị {prefix}{i}", root, kind=kind)
        units.append(unit)
        if depth > 1:
            units += _random_tree(unit, rng, depth - 1, f"{prefix}{i}-")
    return units


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_parents_total_is_the_sum_of_its_childrens_on_a_generated_tree(tree, admin_user, seed):
    rng = random.Random(seed)
    units = _random_tree(tree.cdvc, rng, prefix=f"S{seed}-")
    d = drive(tree.cdvc)
    for unit in rng.sample(units, k=max(1, len(units) // 2)) + [tree.cdvc]:
        for _ in range(rng.randint(1, 3)):
            give(d, unit, rng.randint(1, 5_000) * 1_000)
    rows = drive_totals(actor=admin_user, drive=d)
    by_path = {r.unit.path: r for r in rows}
    for r in rows:
        children = [
            c for c in rows if c.unit.path.startswith(r.unit.path) and c.unit.depth == r.unit.depth + 1
        ]
        assert r.total.amount == r.own.amount + sum(c.total.amount for c in children)
        assert r.total.count == r.own.count + sum(c.total.count for c in children)
    top = by_path[rows[0].unit.path]
    assert top.total.amount == Contribution.objects.aggregate(s=Sum("amount"))["s"]
    # The registry's figures agree with the drive's totals, per fund and in all.
    values = figures.compute(
        actor=admin_user,
        unit_id=tree.cdvc.pk,
        names=[TOTAL, figure_name("bien_dao")],
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    )
    assert values[TOTAL] == values[figure_name("bien_dao")] == top.total.amount
    assert figures.compute(
        actor=admin_user,
        unit_id=tree.cdvc.pk,
        names=[figure_name("vi_nguoi_ngheo")],
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    ) == {figure_name("vi_nguoi_ngheo"): 0}


def test_who_sees_drives_and_contributions(tree, cdvc_officer, officer_a, officer_b):
    d = drive(tree.cdvc, actor=cdvc_officer)
    give(d, tree.a, 100, actor=cdvc_officer)
    give(d, tree.b, 200, actor=cdvc_officer)
    own = drive(tree.b, actor=officer_b, name="Của CĐCS B")
    assert list(drive_search(actor=officer_a)) == [d]  # the drive above A, not B's own
    assert {c.amount for c in contribution_search(actor=officer_a, drive=d)} == {100}
    assert {c.amount for c in contribution_search(actor=cdvc_officer, drive=d)} == {100, 200}
    assert own in drive_search(actor=cdvc_officer)
    rows = drive_totals(actor=officer_a, drive=d)
    assert [(r.unit.id, r.total.amount) for r in rows] == [(tree.a.pk, 100)]


def test_a_drive_cites_its_launching_document(tree, cdvc_officer, admin_user):
    from congdoan.documents.selectors import document_for_link
    from congdoan.documents.tests.factories import issued

    plan = issued(cdvc_officer, tree.cdvc, on=dt.date(2022, 1, 5), title="Kế hoạch vận động ủng hộ năm 2022")
    d = drive(tree.cdvc, actor=cdvc_officer, document=plan)
    assert document_for_link(actor=cdvc_officer, obj=d, role=services.LAUNCH).get() == plan
    elsewhere = issued(admin_user, tree.other, on=dt.date(2022, 1, 5), title="Văn bản của tỉnh khác")
    with pytest.raises(ValidationError) as caught:
        drive(tree.a, actor=cdvc_officer, document=elsewhere, name="Đợt khác")
    assert "document" in caught.value.message_dict


def test_a_receipt_number_taken_by_a_refused_row_is_still_taken_in_its_batch(tree, cdvc_officer):
    d = drive(tree.cdvc, actor=cdvc_officer)
    day = d.starts_on
    first = services.Entry(
        {
            "unit": tree.a.pk,
            "contributor_unit": tree.a.pk,
            "amount": -1,
            "receipt_no": "Z",
            "contributed_on": day,
        },
        1,
    )
    second = services.Entry(
        {
            "unit": tree.b.pk,
            "contributor_unit": tree.b.pk,
            "amount": 9,
            "receipt_no": "Z",
            "contributed_on": day,
        },
        2,
    )
    with pytest.raises(services.EntryErrors) as caught:
        services.contributions_record_many(actor=cdvc_officer, drive=d, entries=[first, second])
    assert len(caught.value.messages) == 2 and "Dòng 2: Số biên nhận 'Z' đã dùng" in caught.value.messages[1]


def test_a_fund_added_later_has_its_own_figure(tree, admin_user, call):
    """A fund the admin adds after the shipped six gets ``funds.by_fund.<code>.amount`` at once: in the
    catalogue (labels in both languages), computed from its contributions, rolled up, and in the API."""
    from django.utils import translation

    from ..models import Fund

    name = figure_name("tre_em")
    assert name not in {f.name for f in figures.catalogue()}
    Fund.objects.create(code="tre_em", name="Quỹ Bảo trợ trẻ em", name_en="Child protection fund", order=70)
    assert name in [f.name for f in figures.catalogue()]
    label = figures.get(name).label
    with translation.override("vi"):
        assert str(label) == "Tiền ủng hộ Quỹ Bảo trợ trẻ em"
    with translation.override("en"):
        assert "Child protection fund" in str(label)
    d = drive(tree.cdvc, code="tre_em", name="Ủng hộ Quỹ Bảo trợ trẻ em 2022")
    give(d, tree.a, 3_000_000)
    give(d, tree.b, 2_000_000)
    give(drive(tree.cdvc), tree.a, 7_000_000)  # another fund: not in this one's figure
    arguments = {"period": Period.year(2022), "as_of": dt.date(2022, 12, 31)}
    rows = figures.rows(actor=admin_user, unit_id=tree.cdvc.pk, names=[name, TOTAL], **arguments)
    by_unit = {r.unit.id: r for r in rows}
    assert by_unit[tree.a.pk].total[name] == 3_000_000 and by_unit[tree.b.pk].total[name] == 2_000_000
    assert by_unit[tree.cdvc.pk].total == {name: 5_000_000, TOTAL: 12_000_000}
    assert figures.compute(actor=admin_user, unit_id=tree.cdvc.pk, names=[name], **arguments) == {
        name: 5_000_000
    }
    api = call(admin_user, "GET", f"/reports/figures?unit={tree.cdvc.pk}&from=2022-01-01&to=2022-12-31")
    assert api.status_code == 200, api.content
    assert api.json()["figures"][name] == 5_000_000
    listed = {item["name"]: item for item in call(admin_user, "GET", "/reports/figures/catalogue").json()}
    assert listed[name]["measure"] == "vnd"


def _entries(d, units, first=1):
    return [
        services.Entry(
            {
                "unit": u.pk,
                "contributor_unit": u.pk,
                "amount": 1_000,
                "receipt_no": f"R{first + i}",
                "contributed_on": d.starts_on,
            },
            first + i,
        )
        for i, u in enumerate(units)
    ]


def test_checking_many_entries_reads_the_policy_once_not_per_row(tree, cdvc_officer, officer_a):
    """An ordinary officer's bulk entry (not the admin, who skips the scope): the number of queries
    does not grow with the rows, and a unit out of the officer's hands is named on its row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    d = drive(tree.cdvc, actor=cdvc_officer)
    counts = []
    for n in (2, 12):
        with CaptureQueriesContext(connection) as seen:
            assert services.contributions_check_many(
                actor=cdvc_officer, drive=d, entries=_entries(d, [tree.a] * n)
            )
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
    refused = _entries(d, [tree.a, tree.b])
    assert not services.contributions_check_many(actor=officer_a, drive=d, entries=refused)
    assert not refused[0].errors
    assert refused[1].errors == [("contributor_unit", "Bạn không có quyền ghi nhận ủng hộ cho đơn vị này.")]
