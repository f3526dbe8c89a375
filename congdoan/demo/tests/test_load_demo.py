import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory, override_settings

from congdoan.accounts.models import User
from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.demo import data
from congdoan.members.models import Membership, Person, Transfer, WorkforceCount
from congdoan.organizations.models import RoleAssignment, Unit, UnitVersion
from congdoan.organizations.selectors import unit_search
from congdoan.organizations.tests.factories import make_unit

from .conftest import run_load_demo
from .test_demo_awards import awards_ids
from .test_demo_emulation import emulation_ids
from .test_demo_initiatives import initiatives_ids

END_2022 = dt.date(2022, 12, 31)


def log_in(client, username: str, password: str) -> bool:
    """The real authentication chain, Axes included (Axes needs the request it checks)."""
    return client.login(request=RequestFactory().post("/"), username=username, password=password)


def version(unit: Unit, on: dt.date) -> UnitVersion:
    found = unit.version_on(on)
    assert found is not None, f"{unit.code} has no version on {on}"
    return found


def children(unit: Unit, on: dt.date) -> list[UnitVersion]:
    return list(UnitVersion.objects.active(on).filter(parent=unit).select_related("kind"))


@pytest.mark.parametrize("on", [END_2022, None], ids=["2022", "today"])
def test_hanoi_has_58_grassroots_unions_guided_by_cdvc_vn(demo, on):
    on = on or today()
    cdvc_hn = demo["CDVC-HN"]
    kids = children(cdvc_hn, on)
    assert len(kids) == 58
    assert {v.kind.code for v in kids} == {"cdcs"}
    assert version(cdvc_hn, on).guidance_parent_id == demo["CDVCVN"].pk
    assert version(cdvc_hn, on).parent_id == demo["LDLD-HN"].pk
    assert "Công đoàn Sở Khoa học và Công nghệ" in {v.name for v in kids}


def test_every_unit_of_the_data_is_built(demo):
    def codes(node: data.Node) -> list[str]:
        return [node.code, *(code for child in node.children for code in codes(child))]

    assert sorted(codes(data.ROOT)) == sorted(demo)


def test_khoi_iii_are_nine_unions_under_cdvc_vn(demo):
    assert len(data.KHOI_III) == 9
    for code in data.KHOI_III:
        assert version(demo[code], today()).parent_id == demo["CDVCVN"].pk
        assert "bài 002" in demo[code].note


def test_notes_say_which_units_are_real_and_which_invented(demo):
    assert "bài 001" in demo["CDVC-HN-001"].note
    assert demo["CDVC-HN-002"].note == data.INVENTED
    enterprises = [u for u in demo.values() if "Người lao động" in u.note]
    assert len(enterprises) == 4
    assert all(u.code.startswith("CDVC-HN-") for u in enterprises)
    assert "Dương Sà Kha" in demo["CDVC-NT-MTTQ"].note
    assert "bài 003" in demo["CDVC-PY"].note
    assert all(u.note for u in demo.values())


def test_2025_mergers_keep_the_old_provinces_in_history(demo):
    root, nt, kh = demo["TLD"], demo["LDLD-NT"], demo["LDLD-KH"]
    mttq = demo["CDVC-NT-MTTQ"]

    assert nt.exists_on(END_2022)
    assert version(nt, END_2022).parent_id == root.pk
    assert version(mttq, END_2022).path.startswith(version(nt, END_2022).path)

    nt.refresh_from_db()
    assert not nt.exists_on(today())
    assert (nt.valid_to, nt.end_reason, nt.successor_id) == (data.MERGED_ON, Unit.EndReason.MERGED, kh.pk)
    assert version(mttq, today()).path.startswith(version(kh, today()).path)
    assert version(mttq, today()).parent_id == demo["CDVC-KH"].pk
    assert demo["LDLD-PY"].versions.get().valid_to == data.MERGED_ON
    assert {v.unit_id for v in children(root, today())} == {
        demo[c].pk for c in ("CDVCVN", "LDLD-HN", "LDLD-KH", "LDLD-DL")
    }
    # The merger carried the Ninh Thuận officer's role over to the surviving CĐVC.
    held = RoleAssignment.objects.active(today()).filter(user__username="ninhthuan")
    assert [r.unit_id for r in held] == [demo["CDVC-KH"].pk]


def test_everything_went_through_the_audited_services(demo):
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("unit.create") == len(demo)
    assert actions.count("account.create") == 1 + len(data.OFFICERS)
    assert actions.count("role.grant") == len(data.OFFICERS)
    assert actions.count("unit.merge") == len(data.MERGERS)


def test_second_run_changes_nothing(demo):
    def counts():
        models = (
            Unit,
            UnitVersion,
            User,
            RoleAssignment,
            AuditEntry,
            Person,
            Membership,
            Transfer,
            WorkforceCount,
        )
        return [m.objects.count() for m in models]

    before = counts()
    out = run_load_demo()
    assert counts() == before
    assert "Dữ liệu mẫu đã có" in out


def test_prints_the_demo_logins(db):
    out = run_load_demo()
    for username in ("admin", "hanoi", "cdcs", "khanhhoa"):
        assert f"  {username} " in out
    assert data.DEFAULT_PASSWORD in out


@pytest.mark.parametrize(
    ("overrides", "options"),
    [
        ({"DEBUG": False}, {}),
        ({"DEBUG": True, "SETTINGS_MODULE": "config.settings.prod"}, {"force": True}),
    ],
    ids=["debug-off", "prod-settings"],
)
def test_refused_outside_development(db, overrides, options):
    with override_settings(**overrides), pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO(), **options)
    assert not Unit.objects.exists()


def test_if_empty_leaves_a_database_with_units_alone(db):
    make_unit("X", "Liên đoàn Lao động tỉnh X", kind="tong-ldld")
    out = run_load_demo(if_empty=True)
    assert "không nạp" in out
    assert list(Unit.objects.values_list("code", flat=True)) == ["X"]


def test_demo_users_log_in_and_cdcs_sees_only_its_union(demo, client):
    assert log_in(client, "cdcs", data.DEFAULT_PASSWORD)
    cdcs = User.objects.get(username="cdcs")
    assert [v.unit.code for v in unit_search(actor=cdcs).select_related("unit")] == ["CDVC-HN-001"]
    hanoi = User.objects.get(username="hanoi")
    assert unit_search(actor=hanoi, parent=demo["CDVC-HN"]).count() == 58


def test_a_weak_demo_password_is_still_set(db, monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "123")
    out = run_load_demo()
    assert "123" not in out
    assert log_in(client, "khanhhoa", "123")
    assert not log_in(client, "khanhhoa", data.DEFAULT_PASSWORD)
    assert AuditEntry.objects.filter(action="account.create").count() == 1 + len(data.OFFICERS)


def test_every_recorded_action_and_field_of_the_demo_reads_in_words(demo):
    """The audit log and every history panel show a label for each action and each changed field
    of the demo data, never a code."""
    from congdoan.core import audit
    from congdoan.core.audit_display import audit_rows, field_spec

    admin = User.objects.get(username="admin")
    entries = list(AuditEntry.objects.all())
    assert {e.action for e in entries} <= set(audit.ACTIONS)
    for row in audit_rows(entries, actor=admin):
        assert str(row.action) != row.entry.action
        for key in {*row.entry.before, *row.entry.after}:
            spec = field_spec(row.entry, key)
            assert spec.hidden or str(spec.label) != key, f"{row.entry.action}: field {key} has no label"


def test_vanphong_reads_but_cannot_write(demo, client):
    """The read-only demo officer opens the pages of its union and is refused every write route."""
    from congdoan.funds.models import Contribution, Drive
    from congdoan.meetings.models import Review
    from congdoan.members.models import OfficerPosition
    from congdoan.plans.models import Mission, Programme
    from congdoan.portal.models import Article, ArticleImage
    from congdoan.welfare.models import SupportCase
    from tests.test_route_scope import WRITE_DATA, _fill, ui_routes

    user = User.objects.get(username="vanphong")
    unit = demo["CDVC-HN-002"]
    member = Person.objects.filter(unit=unit).first()
    ids = {
        "unit_id": unit.pk,
        "parent_id": unit.pk,
        "member_id": member.pk,
        "membership_id": member.memberships.first().pk,
        "user_id": user.pk,
        "role_id": RoleAssignment.objects.filter(user=user).first().pk,
        "transfer_id": (Transfer.objects.first() or member).pk,
        "position_id": (OfficerPosition.objects.filter(unit=unit).first() or member).pk,
        "job_id": "00000000-0000-0000-0000-000000000000",
        "reminder_id": 0,  # none of theirs: 404
        **emulation_ids(),
        **initiatives_ids(unit),
        **awards_ids(),
        # Documents: any id (out of reach, or none) must answer 404 to this role.
        "document_id": member.pk,
        "attachment_id": member.pk,
        "conference_id": unit.conferences.first().pk,
        "term_id": unit.terms.first().pk,
        "review_id": Review.objects.first().pk,  # CĐVC TP Hà Nội's: above the officer's union
        # Seed 000's mission and a programme: CĐVC Việt Nam's, outside the officer's union.
        "mission_id": Mission.objects.get().pk,
        "programme_id": Programme.objects.first().pk,
        # CĐVC TP Hà Nội's 2022 drives: the officer's union gave to them (it may read, not write).
        "drive_id": Drive.objects.filter(unit=demo["CDVC-HN"]).first().pk,
        "contribution_id": Contribution.objects.filter(unit=unit).first().pk,
        "case_id": SupportCase.objects.first().pk,
        # The demo's news: other units' articles (and their images), out of this officer's reach.
        "article_id": Article.objects.first().pk,
        "image_id": ArticleImage.objects.first().pk,
    }
    client.force_login(user)
    assert client.get(f"/doan-vien/{member.pk}/").status_code == 200
    before = AuditEntry.objects.count()
    data = {k: v.format(**ids) for k, v in WRITE_DATA.items()}
    writes = [
        p
        for p in ui_routes()
        if not str(getattr(p.values[1].callback, "policy_guard", "")).endswith((".view", "public", "self"))
    ]
    assert len(writes) > 15
    for param in writes:
        route = param.values[0]
        response = client.post(_fill(route, ids), data)
        assert response.status_code in (403, 404), f"POST {route} answered {response.status_code}"
    assert AuditEntry.objects.count() == before
