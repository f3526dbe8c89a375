"""The Kỷ niệm chương's years of union work (issue 12 §3): membership periods count with officer
positions and earlier work, overlaps once; which kinds count and other groups' thresholds are the
rule row's data (``awards.rule_params``), checked where rows are entered and loaded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.accounts.models import User
from congdoan.awards import eligibility, records, services
from congdoan.awards.models import EligibilityRule
from congdoan.members.models import PositionKind
from congdoan.members.services import position_assign, position_end
from congdoan.members.tests.factories import join as member_join
from congdoan.organizations.tests.factories import make_unit

from .factories import nominate
from .test_dossier_queries import _count

pytestmark = pytest.mark.django_db
OLD = dt.date(1980, 1, 1)
LATER = dt.date(2020, 1, 1)  # a later guidance's row, after the catalogue's (2017)


def join(unit, **kw):
    return member_join(unit, date_of_birth=dt.date(1965, 1, 1), **kw)


def admin():
    return User.objects.get(is_superuser=True)


def hold(person, unit, code: str, since: dt.date):
    position = PositionKind.objects.get(code=code)
    return position_assign(actor=admin(), person=person, position=position, unit=unit, valid_from=since)


@pytest.fixture
def units():
    root = make_unit("YROOT", "Tổng Liên đoàn Lao động Việt Nam", kind="tong-ldld", on=OLD)
    upper = make_unit("YUP", "Công đoàn Viên chức tỉnh Y", root, kind="cd-cap-tren-co-so", on=OLD)
    cs = make_unit("YCS", "Công đoàn Trường Y", upper, on=OLD)
    return root, upper, cs


def medal_checks(cs, root, people) -> dict:
    n = nominate(cs, "knc", people=people, issuer=root)
    return {
        line.person_id: {r.check: r for r in rows}["service_years"] for line, rows in services.line_checks(n)
    }


def rule(params: dict) -> EligibilityRule:
    row = EligibilityRule(rule="service_years", target="knc", params=params, valid_from=LATER)
    row.full_clean()
    row.save()
    return row


def test_membership_alone_counts(units):
    root, _upper, cs = units
    member = join(cs, on=dt.date(2000, 1, 1), sex="M")
    check = medal_checks(cs, root, [member])[member.pk]
    assert check.passed and ("Tổng số năm công tác công đoàn", "23") in check.data
    assert ("Sinh hoạt công đoàn 01/01/2000 – 31/12/2022", "Công đoàn Trường Y: 23") in check.data
    assert (
        "Quá trình được tính",
        "chức vụ công đoàn, sinh hoạt công đoàn, công tác công đoàn trước đây",
    ) in (check.data)
    assert ("Nhóm áp dụng", "mặc định") in check.data


def test_overlaps_across_kinds_count_once(units):
    """Earlier work 1996–2002, membership from 2000, a position 2005–2015 inside it: 1996–2022 once."""
    _root, _upper, cs = units
    person = join(cs, on=dt.date(2000, 1, 1))
    held = hold(person, cs, "uy-vien-bch", dt.date(2005, 1, 1))
    position_end(actor=admin(), position_held=held, on=dt.date(2015, 1, 1))
    before = {"position": "Tổ trưởng công đoàn", "organisation": "Công đoàn bộ phận cũ"}
    span = {"starts_on": dt.date(1996, 1, 1), "ends_on": dt.date(2002, 1, 1)}
    records.earlier_service_record(actor=admin(), owner=cs, person=person, **span, **before)
    on = dt.date(2022, 12, 31)
    years, periods = eligibility.service_years(person.pk, on)
    assert sorted(p.kind for p in periods) == ["earlier", "member", "officer"]
    assert years == (on - dt.date(1996, 1, 1)).days / 365.25
    assert sum((p.end - p.start).days for p in periods) / 365.25 > years + 10  # the overlaps, not added


def test_a_group_threshold_applies_and_is_shown(units):
    root, _upper, cs = units
    rule(
        {
            "years": 20,
            "groups": [
                {"name": "Nữ", "when": {"sex": "F"}, "years": 15},
                {"when": {"officer": "holding", "positions": ["chu-tich"]}, "years": 18},
            ],
        }
    )
    woman = join(cs, on=dt.date(2006, 1, 1), sex="F")
    man = join(cs, on=dt.date(2006, 1, 1), sex="M")
    chair = join(cs, on=dt.date(2004, 1, 1), sex="M")
    hold(chair, cs, "chu-tich", dt.date(2015, 1, 1))
    checks = medal_checks(cs, root, [woman, man, chair])
    assert checks[woman.pk].passed and ("Nhóm áp dụng", "Nữ") in checks[woman.pk].data
    assert ("Số năm cần có", "15") in checks[woman.pk].data
    assert not checks[man.pk].passed and ("Nhóm áp dụng", "mặc định") in checks[man.pk].data
    assert "cần 20 năm" in checks[man.pk].reason
    assert checks[chair.pk].passed and ("Số năm cần có", "18") in checks[chair.pk].data
    assert ("Nhóm áp dụng", "đang giữ chức vụ công đoàn (chu-tich)") in checks[chair.pk].data


def test_a_rule_counting_officers_only_refuses_membership_years(units):
    root, _upper, cs = units
    member = join(cs, on=dt.date(1997, 1, 1))  # 25 years of membership, no position
    assert medal_checks(cs, root, [member])[member.pk].passed  # the catalogue row counts them
    rule({"years": 20, "count": ["officer"]})
    check = medal_checks(cs, root, [member])[member.pk]
    assert not check.passed and check.reason == "0 năm công tác công đoàn, cần 20 năm."
    assert ("Quá trình được tính", "chức vụ công đoàn") in check.data
    assert not any(k.startswith("Sinh hoạt công đoàn") for k, _v in check.data)
    with pytest.raises(ValidationError, match="Số năm công tác công đoàn"):
        nominate(cs, "knc", people=[member], issuer=root, state="reviewing")


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"years": 0}, "“years”"),
        ({"count": ["officer", "volunteer"]}, "“count”"),
        ({"groups": [{"when": {"full_time": True}, "years": 15}]}, "“groups[1].when.full_time”"),
        ({"groups": [{"when": {"sex": "X"}, "years": 15}]}, "“groups[1].when.sex”"),
        ({"groups": [{"when": {"sex": "F"}}]}, "“groups[1].years”"),
        ({"group": []}, "“group”"),
    ],
)
def test_bad_params_are_refused_naming_the_key(units, params, key):
    row = EligibilityRule(rule="service_years", target="knc", params=params, valid_from=LATER)
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert key in caught.value.message_dict["params"][0]
    # A bad row loaded all the same (written past the form) refuses with the same reason.
    row.save()
    root, _upper, cs = units
    member = join(cs, on=dt.date(1990, 1, 1))
    check = medal_checks(cs, root, [member])[member.pk]
    assert not check.passed and key in check.reason
    assert key in eligibility.describe(row)[1]


def test_catalogue_row_counts_every_kind_and_reads_in_words():
    row = EligibilityRule.objects.get(rule="service_years", target="knc")
    assert row.params == {"years": 20, "count": ["officer", "member", "earlier"]}
    row.full_clean()
    assert eligibility.describe(row) == (
        "Số năm công tác công đoàn",
        "20 năm; tính: chức vụ công đoàn, sinh hoạt công đoàn, công tác công đoàn trước đây",
    )


def test_medal_dossier_does_not_grow_with_people(client, units):
    """The years of every line are read at once (four queries whatever the number of people)."""
    root, _upper, cs = units
    client.force_login(admin())
    counts = []
    for size in (1, 5):
        people = [join(cs, on=dt.date(2000, 1, 1)) for _ in range(size)]
        for p in people:
            hold(p, cs, "uy-vien-bch", dt.date(2001, 1, 1))
        n = nominate(cs, "knc", people=people, issuer=root)
        counts.append(_count(client, f"/khen-thuong/de-nghi/{n.pk}/"))
    assert counts[0] == counts[1]
