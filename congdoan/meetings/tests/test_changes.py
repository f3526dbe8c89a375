"""Mid-term changes of the executive committee (a chair replaced): dated events on the register's
officer positions, which stay ``members.OfficerPosition`` rows (no copy of them here)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.members.models import OfficerPosition, PositionKind
from congdoan.members.tests.factories import join

from ..models import CommitteeChange
from ..selectors import committee_now
from ..services import committee_change, committee_elect, term_record

pytestmark = pytest.mark.django_db
CONGRESS = dt.date(2023, 3, 15)
CHANGED = dt.date(2024, 9, 1)


@pytest.fixture
def elected(tree, officer_a):
    term = term_record(actor=officer_a, unit=tree.a, name="2023-2028", held_on=CONGRESS, delegates=40)
    chair = join(tree.a, name="Trần Thị Chủ Tịch", actor=officer_a, on=dt.date(2021, 1, 1))
    seat = committee_elect(
        actor=officer_a, term=term, person=chair, position=PositionKind.objects.get(code="chu-tich"), votes=38
    )
    successor = join(tree.a, name="Lê Văn Kế Nhiệm", actor=officer_a, on=dt.date(2021, 1, 1))
    return term, seat.position_held, successor


def _refused(field, words, run):
    before = (AuditEntry.objects.count(), CommitteeChange.objects.count(), OfficerPosition.objects.count())
    with pytest.raises(ValidationError) as caught:
        run()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field]), caught.value.message_dict
    assert (
        AuditEntry.objects.count(),
        CommitteeChange.objects.count(),
        OfficerPosition.objects.count(),
    ) == before
    assert not OfficerPosition.objects.filter(valid_to__isnull=False).exists()


def test_a_chair_replaced_is_one_dated_event_on_the_registers_positions(tree, officer_a, elected):
    term, chair, successor = elected
    chair_kind = PositionKind.objects.get(code="chu-tich")
    change = committee_change(
        actor=officer_a,
        term=term,
        on=CHANGED,
        reason="Nghỉ hưu",
        ended=chair,
        person=successor,
        position=chair_kind,
        votes=12,
    )
    chair.refresh_from_db()
    assert chair.valid_to == CHANGED
    assert (change.started.person, change.started.valid_from, change.started.term) == (
        successor,
        CHANGED,
        "2023-2028",
    )
    assert OfficerPosition.objects.count() == 2  # no copy: the register's two rows
    assert [p.person for p in committee_now(term=term)] == [successor]
    assert [p.person for p in committee_now(term=term, on=dt.date(2024, 8, 31))] == [chair.person]
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))[-3:]
    assert actions == ["position.end", "position.assign", "congress.committee_change"]


def test_only_a_member_leaving(tree, officer_a, elected):
    term, chair, _successor = elected
    change = committee_change(actor=officer_a, term=term, on=CHANGED, reason="Chuyển công tác", ended=chair)
    assert change.started is None and committee_now(term=term) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"on": dt.date(2023, 3, 1)}, "on", "phải sau ngày đại hội (15/03/2023)"),
        ({"on": dt.date.today() + dt.timedelta(days=3)}, "on", "chưa đến"),
        ({"reason": " "}, "reason", "Hãy ghi lý do"),
        ({"ended": None, "person": None}, "ended", "Hãy chọn chức vụ thôi giữ hoặc người được bầu bổ sung"),
        ({"position": None}, "position", "Hãy chọn chức vụ"),
        ({"ended": None}, "position", "Đơn vị này đã có"),  # the chair is still there
    ],
    ids=["before-congress", "future", "no-reason", "nothing", "no-position", "second-chair"],
)
def test_bad_change_is_refused(tree, officer_a, elected, changes, field, words):
    term, chair, successor = elected
    values = {
        "on": CHANGED,
        "reason": "Nghỉ hưu",
        "ended": chair,
        "person": successor,
        "position": PositionKind.objects.get(code="chu-tich"),
        **changes,
    }
    _refused(field, words, lambda: committee_change(actor=officer_a, term=term, **values))


def test_a_non_member_cannot_be_elected_mid_term(tree, officer_a, officer_b, elected):
    term, chair, _successor = elected
    outsider = join(tree.b, name="Ngoài Đơn Vị", actor=officer_b, on=dt.date(2021, 1, 1))
    _refused(
        "person",
        "không sinh hoạt tại",
        lambda: committee_change(
            actor=officer_a,
            term=term,
            on=CHANGED,
            reason="Bầu bổ sung",
            ended=chair,
            person=outsider,
            position=PositionKind.objects.get(code="chu-tich"),
        ),
    )


def test_page_and_api(client, call, tree, officer_a, officer_b, elected):
    term, chair, successor = elected
    client.force_login(officer_a)
    url = reverse("meetings:committee_change", args=[term.pk])
    response = client.post(url, {"change-on": "01/09/2024", "change-reason": ""})
    assert response.status_code == 422
    response = client.post(
        url,
        {
            "change-on": "01/09/2024",
            "change-reason": "Nghỉ hưu",
            "change-ended": chair.pk,
            "change-person": successor.pk,
            "change-position": PositionKind.objects.get(code="chu-tich").pk,
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("meetings:term", args=[term.pk])).content.decode()
    assert "data-change=" in body and "Lê Văn Kế Nhiệm" in body.split('data-testid="committee-now"')[1]
    client.force_login(officer_b)
    assert client.post(url, {}).status_code == 404
    answer = call(
        officer_a, "POST", f"/meetings/terms/{term.pk}/changes", {"on": "2024-10-01", "reason": "x"}
    )
    assert answer.status_code == 422 and "ended" in answer.json()["errors"]
    assert (
        call(
            officer_b, "POST", f"/meetings/terms/{term.pk}/changes", {"on": "2024-10-01", "reason": "x"}
        ).status_code
        == 404
    )
