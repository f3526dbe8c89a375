"""The filing tracker (issue 15 §5): its units are the registry's grassroots unions on the date
(with or without records; not the units above them nor the sections inside them), a part counts
only for the units that owe it, and a unit is reminded of a part and year once; units without an
e-mail address are named."""

import datetime as dt

import pytest
from django.core import mail

from congdoan.meetings import services as meetings
from congdoan.meetings.models import ConferenceKind
from congdoan.organizations.tests.factories import UserFactory, grant, make_unit
from congdoan.reports import definitions, tracker
from congdoan.reports.models import FilingReminder

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/bao-cao/nop-so-lieu/?unit={}&nam=2022"


@pytest.fixture
def registry(tree, admin_user):
    """Below CĐVC: A and B (CĐCS), C (a CĐCS with no record at all), a section inside A (not a
    CĐCS), and an intermediate union holding D (a CĐCS). CBCCVC conferences owed by A and B, held by
    A; the workers' conference owed by A only, not held."""
    c = make_unit("CDCS_C", "Công đoàn Trường C", tree.cdvc)
    make_unit("BP_A", "Công đoàn bộ phận Khoa Nội", tree.a, kind="cd-bo-phan")
    middle = make_unit("MID", "Công đoàn ngành Y tế huyện", tree.cdvc, kind="cd-cap-tren-co-so")
    d = make_unit("CDCS_D", "Công đoàn Trạm Y tế D", middle)
    for unit in (tree.a, tree.b):
        meetings.duty_set(
            actor=admin_user, unit=unit, kind=ConferenceKind.PUBLIC_EMPLOYEES, valid_from=D(2021, 1, 1)
        )
    meetings.duty_set(actor=admin_user, unit=tree.a, kind=ConferenceKind.WORKERS, valid_from=D(2021, 1, 1))
    meetings.conference_record(
        actor=admin_user,
        unit=tree.a,
        kind=ConferenceKind.PUBLIC_EMPLOYEES,
        year=2022,
        held_on=D(2022, 2, 10),
        expected=50,
        present=45,
    )
    return {"a": tree.a, "b": tree.b, "c": c, "d": d}


def _part(found, code):
    return next(i for i, p in enumerate(found.parts) if p.code == code)


def test_the_units_are_the_registrys_grassroots_unions(as_, cdvc_officer, tree, registry):
    page = as_(cdvc_officer).get(URL.format(tree.cdvc.pk))
    assert page.status_code == 200
    found = page.context["filing"]
    assert {r.unit_id for r in found.rows} == {u.pk for u in registry.values()}  # 4, as units.grassroots
    codes = [p.code for p in found.parts]
    assert {"conference", "workers", "dialogue", "registration", "rating", "initiatives", "welfare"} <= set(
        codes
    )
    counts = {c.part.code: (c.filed, c.owed) for c in found.counts}
    assert counts["conference"] == (1, 2)  # owed by A and B only (their duty), held by A
    assert counts["workers"] == (0, 1)  # only A has workers
    assert counts["dialogue"] == (0, 0)
    assert counts["registration"] == (0, 4)  # every CĐCS, with records or not
    by_unit = {r.unit_id: r.filed for r in found.rows}
    i, w = _part(found, "conference"), _part(found, "workers")
    assert by_unit[tree.a.pk][i] is True and by_unit[tree.b.pk][i] is False
    assert by_unit[registry["c"].pk][i] is None and by_unit[tree.b.pk][w] is None
    html = page.content.decode()
    assert 'data-part="conference">1/2<' in html and 'data-part="registration">0/4<' in html


def test_the_rating_part_reads_the_self_assessment(tree):
    part = next(p for p in definitions.FILING_PARTS if p.code == "rating")
    assert part.name == "ratings.self_assessed"
    assert {"conferences.workers.expected", "dialogues.expected"} <= {
        p.owed_by for p in definitions.FILING_PARTS
    }


def test_a_unit_is_reminded_of_a_part_once_and_one_without_address_is_named(
    as_, cdvc_officer, tree, registry, django_capture_on_commit_callbacks
):
    grant(UserFactory(username="chair_a", home_unit=tree.a, email="a@example.vn"), tree.a, "chu-tich")
    grant(
        UserFactory(username="chair_c", home_unit=registry["c"], email="c@example.vn"),
        registry["c"],
        "chu-tich",
    )
    client = as_(cdvc_officer)
    remind = URL.format(tree.cdvc.pk).replace("nop-so-lieu/", "nop-so-lieu/nhac/")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(remind, follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.vn", "c@example.vn"]
    body_a = next(m.body for m in mail.outbox if m.to == ["a@example.vn"])
    assert "Hội nghị người lao động" in body_a and "Hội nghị CBCCVC" not in body_a  # held: not asked
    said = " ".join(str(m) for m in first.context["messages"])
    assert "Công đoàn Sở Giáo dục và Đào tạo" in said and "Công đoàn Trạm Y tế D" in said  # no address
    assert "Chưa có địa chỉ e-mail" in said
    recorded = set(FilingReminder.objects.values_list("unit_id", "part"))
    assert (tree.a.pk, "workers") in recorded and (tree.a.pk, "conference") not in recorded
    assert not any(uid == tree.b.pk for uid, _part in recorded)  # not reminded: not recorded
    page = client.get(URL.format(tree.cdvc.pk))
    row_a = next(r for r in page.context["filing"].rows if r.unit_id == tree.a.pk)
    assert row_a.reminded[_part(page.context["filing"], "workers")] is True

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(remind)
    assert second.status_code == 422 and mail.outbox == []
    html = second.content.decode()
    assert "Đã được nhắc trước đó" in html and "Công đoàn Sở Y tế" in html and "Công đoàn Trường C" in html
    assert FilingReminder.objects.count() == len(recorded)


def test_a_later_reminder_names_only_the_new_units(
    as_, cdvc_officer, tree, registry, django_capture_on_commit_callbacks
):
    grant(UserFactory(username="chair_a", home_unit=tree.a, email="a@example.vn"), tree.a, "chu-tich")
    client = as_(cdvc_officer)
    remind = URL.format(tree.cdvc.pk).replace("nop-so-lieu/", "nop-so-lieu/nhac/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(remind)
    grant(UserFactory(username="chair_b", home_unit=tree.b, email="b@example.vn"), tree.b, "chu-tich")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        later = client.post(remind, follow=True)
    assert [m.to for m in mail.outbox] == [["b@example.vn"]]
    said = " ".join(str(m) for m in later.context["messages"])
    assert "Đã được nhắc trước đó, không nhắc lại: Công đoàn Sở Y tế" in said


def test_the_tracker_reads_the_registry_on_its_date(cdvc_officer, tree, registry, admin_user):
    """A CĐCS created after the year is not owed that year's parts."""
    from congdoan.core.periods import Period
    from congdoan.reports import selectors

    make_unit("CDCS_NEW", "Công đoàn mới", tree.cdvc, on=D(2023, 3, 1))
    scope = selectors.scope_read(actor=cdvc_officer, unit_id=tree.cdvc.pk, period=Period.year(2022))
    assert len(tracker.filing(actor=cdvc_officer, scope=scope).rows) == 4
