import datetime as dt
from collections import Counter

import pytest
from django.db.models import Sum

from congdoan.accounts.models import User
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.demo import data
from congdoan.demo.members import LEFT_ON, REJOINED_ON, RETIRED_ON, TRANSFERRED_ON, member_units
from congdoan.members.models import IN_UNIT, Person, Status, Transfer, WorkforceCount
from congdoan.members.selectors import incoming_transfers, member_search, membership_counts
from congdoan.organizations.models import Unit

BEFORE_MERGER = data.MERGED_ON - dt.timedelta(days=1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def counted(actor, unit: Unit, on: dt.date) -> dict[int, dict]:
    return {row["unit_id"]: row for row in membership_counts(actor=actor, unit=unit, on=on)}


def test_every_member_unit_has_members_with_demo_cards(demo):
    nodes = [node for node, _place, _seed in member_units()]
    codes = {node.code for node in nodes}
    assert {"CDVC-HN-003-BP1", "CDVC-HN-003-BP1-T1", "CDVC-NT-MTTQ-T1", "CD-VOV"} <= codes
    assert codes <= set(Person.objects.filter(status__in=IN_UNIT).values_list("unit__code", flat=True))
    assert not Person.objects.exclude(card_number__startswith=data.CARD_PREFIX).exists()
    for node in nodes:
        if node.kind == "cdcs" and node.code.startswith("CDVC-HN-"):
            # 20-45 drawn; the demo's completed transfer moves one from CDVC-HN-002 to CDVC-HN-001
            assert 19 <= Person.objects.filter(unit=demo[node.code]).count() <= 46, node.code


def test_cdcs_officer_finds_only_the_members_of_his_union(demo):
    found = list(member_search(actor=user("cdcs")))
    assert len(found) >= 19
    assert {person.unit_id for person in found} == {demo["CDVC-HN-001"].pk}
    assert len(found) == Person.objects.filter(unit=demo["CDVC-HN-001"], status__in=IN_UNIT).count()
    assert member_search(actor=user("hanoi")).count() > 58 * 19


def test_a_transfer_from_khanh_hoa_waits_for_the_cdcs_officer(demo, client):
    (transfer,) = incoming_transfers(actor=user("cdcs"))
    assert transfer.state == Transfer.State.PENDING
    assert (transfer.from_unit_id, transfer.to_unit_id) == (demo["CDVC-KH-004"].pk, demo["CDVC-HN-001"].pk)
    assert transfer.requested_by.username == "khanhhoa"
    assert transfer.person.unit_id == demo["CDVC-KH-004"].pk  # still there until accepted
    # Issue 9: the dashboard says so, with a link to the transfers page, which is in the sidebar.
    client.force_login(user("cdcs"))
    response = client.get("/")
    (item,) = [t for t in response.context["todos"] if t.url == "/doan-vien/chuyen-sinh-hoat/"]
    assert (str(item.label), item.count) == ("Đề nghị chuyển sinh hoạt đến chờ tiếp nhận", 1)
    sidebar, main = response.content.decode().split("<main", 1)
    assert 'href="/doan-vien/chuyen-sinh-hoat/"' in sidebar and "Chuyển sinh hoạt" in sidebar
    assert "Việc cần làm" in main and 'href="/doan-vien/chuyen-sinh-hoat/"' in main


def test_member_events_went_through_the_audited_services(demo):
    actions = Counter(
        AuditEntry.objects.filter(action__startswith="member.").values_list("action", flat=True)
    )
    survey_officers = 1 + len(data.SURVEY_MEMBERS)  # seed 000's mission: joined, then given positions
    # The register's own story; the modules' demos join and update people through the same
    # services (award holders' earlier service, welfare flags, committee changes).
    assert (actions["member.leave"], actions["member.rejoin"], actions["member.transfer"]) == (2, 1, 1)
    assert actions["member.join"] >= survey_officers
    assert set(actions) <= {
        "member.leave",
        "member.rejoin",
        "member.transfer",
        "member.join",
        "member.update",
    }
    assert AuditEntry.objects.filter(action="transfer.request").count() == 2

    moved = Transfer.objects.get(state=Transfer.State.ACCEPTED).person
    periods = moved.memberships.order_by("valid_from").values_list("unit__code", "valid_to", "end_status")
    assert list(periods) == [("CDVC-HN-002", TRANSFERRED_ON, Status.TRANSFERRED), ("CDVC-HN-001", None, "")]

    retired = Person.objects.get(memberships__end_note="Nghỉ hưu")
    assert (retired.unit_id, retired.status) == (demo["CDVC-HN-001"].pk, Status.LEFT)
    assert retired.memberships.get().valid_to == RETIRED_ON

    rejoined = Person.objects.get(pk=AuditEntry.objects.get(action="member.rejoin").object_id)
    periods = rejoined.memberships.order_by("valid_from").values_list("valid_from", "valid_to", "end_status")
    assert [period[1:] for period in periods] == [(LEFT_ON, Status.LEFT), (None, "")]
    assert periods[1][0] == REJOINED_ON
    assert rejoined.status == Status.ACTIVE


def test_seed_003_workforce_is_3958_with_a_realistic_membership_rate(demo):
    cdvc_py = demo[data.SEED_003_CDVC]
    figures = WorkforceCount.objects.filter(on=data.SEED_003_ON)
    assert figures.aggregate(total=Sum("total"))["total"] == 3958
    rows = counted(user("admin"), cdvc_py, data.SEED_003_ON)
    assert set(figures.values_list("unit_id", flat=True)) == set(rows) - {cdvc_py.pk}
    grassroots = [row for unit_id, row in rows.items() if unit_id != cdvc_py.pk]
    assert all(92 <= row["rate"] <= 98 for row in grassroots)
    assert 0.93 * 3958 <= sum(row["members"] for row in grassroots) <= 0.97 * 3958
    assert AuditEntry.objects.filter(action="workforce.record").count() == WorkforceCount.objects.count()


def test_hanoi_officer_sees_a_membership_rate_for_every_union_today(demo):
    rows = membership_counts(actor=user("hanoi"), unit=demo["CDVC-HN"], on=today())
    grassroots = [row for row in rows if row["unit_id"] != demo["CDVC-HN"].pk]
    assert len(grassroots) == 58 + 3  # and the Sở Giáo dục sub-units
    assert all(row["workforce"] and 0 < row["rate"] <= 100 for row in grassroots), grassroots
    rate = sum(row["members"] for row in grassroots) / sum(row["workforce"] for row in grassroots)
    assert 0.85 <= rate <= 1


@pytest.mark.parametrize(("merged", "survivor"), [("CDVC-PY", "CDVC-DL"), ("CDVC-NT", "CDVC-KH")])
def test_merged_cdvc_members_follow_their_unions_to_the_survivor(demo, merged, survivor):
    admin = user("admin")
    before = counted(admin, demo[merged], BEFORE_MERGER)
    grassroots = set(before) - {demo[merged].pk}
    members = sum(row["members"] for row in before.values())
    assert grassroots and members
    after = counted(admin, demo[survivor], today())
    assert grassroots <= set(after)
    assert all(after[unit_id]["path"].startswith(after[demo[survivor].pk]["path"]) for unit_id in grassroots)
    assert all(before[unit_id]["path"].startswith(before[demo[merged].pk]["path"]) for unit_id in grassroots)
    people = Person.objects.filter(unit_id__in=grassroots)
    assert people.count() >= members
    assert not people.exclude(unit_path__startswith=after[demo[survivor].pk]["path"]).exists()
    assert not counted(admin, demo[survivor], BEFORE_MERGER).keys() & grassroots
