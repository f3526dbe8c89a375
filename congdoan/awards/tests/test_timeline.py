"""The person's awards in the member page's history (issue 12): registered by awards through
``core.plugins.register_person_timeline`` (members imports nothing of awards), each decided award
naming the person with its form or title, issuer, decision number and date, in date order among the
person's own changes; only what ``award_search`` lets the actor read; a constant number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from congdoan.core import plugins
from congdoan.core.audit_display import timeline
from congdoan.members import services as members
from congdoan.members.tests.factories import join

from ..selectors import person_timeline
from .factories import LDTT, awarded

pytestmark = pytest.mark.django_db
HEAD = "Giám đốc Sở"


def _events(page: str) -> list[str]:
    """The history's award rows, as text, top to bottom."""
    history = page[page.index('data-testid="audit"') :]
    return [chunk.split("</tr>")[0] for chunk in history.split('data-testid="timeline-event"')[1:]]


def test_the_history_shows_the_awards_in_date_order_among_the_changes(client, tree, officer_a):
    person = join(tree.a, name="Hoàng Thị Thành Tích")
    awarded(tree.a, LDTT, people=[person], issuer_name=HEAD, year=2022)
    awarded(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, year=2021)
    client.force_login(officer_a)
    response = client.get(f"/doan-vien/{person.pk}/")
    page = response.content.decode()
    newest, oldest = _events(page)
    assert "Lao động tiên tiến" in newest and "20/12/2022" in newest and "01/QĐ-TT" in newest
    assert HEAD in newest
    assert "Giấy khen" in oldest and "20/12/2021" in oldest and "Công đoàn Viên chức tỉnh A" in oldest
    assert "/QĐ-" in oldest  # the number the register gave the issuer's decision
    # The person's own changes (recorded today) come first, then the awards, newest first.
    items = response.context["timeline"]
    assert [i.event is None for i in items] == [True] * (len(items) - 2) + [False, False]
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)


def test_events_are_merged_by_date_with_the_changes(tree):
    """``timeline`` puts a change recorded before an award below it (no query)."""
    from types import SimpleNamespace

    old = SimpleNamespace(entry=SimpleNamespace(at=timezone.make_aware(dt.datetime(2020, 5, 1, 9))))
    new = SimpleNamespace(entry=SimpleNamespace(at=timezone.make_aware(dt.datetime(2023, 5, 1, 9))))
    award = plugins.TimelineEvent(on=dt.date(2022, 12, 20), action="Được khen thưởng", by=HEAD)
    same_day = SimpleNamespace(entry=SimpleNamespace(at=timezone.make_aware(dt.datetime(2022, 12, 20, 8))))
    items = timeline([new, same_day, old], [award])
    assert [i.row or i.event for i in items] == [new, same_day, award, old]


def test_an_officer_sees_only_the_awards_its_selectors_allow(
    client, tree, officer_a, officer_b, cdvc_officer
):
    """An award counts under the unit the person was in on the decision's date: after a transfer to
    B, B's officer reads the person's page but not the award given at A; CĐVC above both reads it."""
    person = join(tree.a, name="Trần Văn Chuyển")
    awarded(tree.a, LDTT, people=[person], issuer_name=HEAD, year=2022)
    admin = type(officer_a).objects.filter(is_superuser=True).first()
    members.member_transfer(
        actor=admin, person=person, to_unit=tree.b, on=dt.date(2023, 2, 1)
    )  # done at once
    person.refresh_from_db()
    client.force_login(officer_b)
    page = client.get(f"/doan-vien/{person.pk}/").content.decode()
    assert _events(page) == [] and person_timeline(officer_b, person) == []
    client.force_login(cdvc_officer)
    assert len(_events(client.get(f"/doan-vien/{person.pk}/").content.decode())) == 1


def test_the_history_reads_in_constant_queries(client, tree, officer_a):
    from congdoan.core.tests.queries import assert_same_count

    def build(n):
        person = join(tree.a)
        for year in range(2021, 2021 + n // 2):  # a form and a title a year (the units date from 2020)
            awarded(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, year=year)
            awarded(tree.a, LDTT, people=[person], issuer_name=HEAD, year=year)
        return f"/doan-vien/{person.pk}/"

    client.force_login(officer_a)
    assert_same_count(build, client.get)
