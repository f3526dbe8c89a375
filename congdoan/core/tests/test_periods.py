import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.core.periods import Period, PeriodForm

D = dt.date


def test_year():
    p = Period.year(2025)
    assert (p.start, p.end, p.label) == (D(2025, 1, 1), D(2025, 12, 31), "Năm 2025")
    assert p.contains(D(2025, 12, 31)) and not p.contains(D(2026, 1, 1))
    assert p.end_exclusive == D(2026, 1, 1)


@pytest.mark.parametrize(
    ("half", "start", "end", "label"),
    [
        (1, D(2025, 1, 1), D(2025, 6, 30), "6 tháng đầu năm 2025"),
        (2, D(2025, 7, 1), D(2025, 12, 31), "6 tháng cuối năm 2025"),
    ],
)
def test_half_year(half, start, end, label):
    assert Period.half_year(2025, half) == Period(start, end, label)


def test_quarter():
    assert Period.quarter(2024, 1) == Period(D(2024, 1, 1), D(2024, 3, 31), "Quý I năm 2024")
    assert Period.quarter(2024, 4).end == D(2024, 12, 31)
    with pytest.raises(ValidationError):
        Period.quarter(2024, 5)


def test_custom():
    p = Period.custom(D(2025, 1, 1), D(2025, 6, 30))
    assert p.label == "Từ 01/01/2025 đến 30/06/2025" and p.contains(D(2025, 3, 1))
    assert Period.custom(D(2025, 1, 1), D(2025, 1, 1)).contains(D(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        Period.custom(D(2025, 6, 30), D(2025, 1, 1))
    assert exc.value.message_dict == {
        "den": ["Ngày kết thúc (01/01/2025) không được trước ngày bắt đầu (30/06/2025)."]
    }


def test_as_of_is_the_end_or_today():
    assert Period.year(2024).as_of(D(2025, 3, 1)) == D(2024, 12, 31)
    assert Period.year(2025).as_of(D(2025, 3, 1)) == D(2025, 3, 1)
    assert Period.year(1999).as_of() == D(1999, 12, 31)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ky": "2025"}, Period.year(2025)),
        ({"ky": "2025-h1"}, Period.half_year(2025, 1)),
        ({"ky": "2025-H2"}, Period.half_year(2025, 2)),
        ({"ky": "2025-q3"}, Period.quarter(2025, 3)),
        ({"tu": "01/01/2025", "den": "30/06/2025"}, Period.custom(D(2025, 1, 1), D(2025, 6, 30))),
        ({"tu": "2025-02-01", "den": "2025-02-28"}, Period.custom(D(2025, 2, 1), D(2025, 2, 28))),
        ({"tu": "01/03/2025"}, Period.custom(D(2025, 3, 1), D(2025, 12, 31))),
        ({}, None),
    ],
)
def test_from_query(params, expected):
    assert Period.from_query(params) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ky": "2025-h3"}, "ky"),
        ({"ky": "năm nay"}, "ky"),
        ({"ky": "1800"}, "ky"),
        ({"tu": "31/02/2025"}, "tu"),
        ({"tu": "01/07/2025", "den": "01/01/2025"}, "den"),
    ],
)
def test_from_query_refuses(params, field):
    with pytest.raises(ValidationError) as exc:
        Period.from_query(params)
    assert list(exc.value.message_dict) == [field]


@pytest.mark.parametrize(
    "period",
    [
        Period.year(2025),
        Period.half_year(2025, 2),
        Period.quarter(2025, 2),
        Period.custom(D(2025, 1, 5), D(2025, 3, 1)),
    ],
)
def test_query_round_trip(period):
    assert Period.from_query(period.query()) == period


def test_query_of_custom_dates():
    assert Period.custom(D(2025, 1, 1), D(2025, 2, 28)).query() == {"tu": "01/01/2025", "den": "28/02/2025"}
    assert Period.year(2025).query() == {"ky": "2025"}


def test_form():
    form = PeriodForm({"ky": "2024-h1"})
    assert form.is_valid() and form.period == Period.half_year(2024, 1)
    empty = PeriodForm({}, default=Period.year(2020))
    assert empty.is_valid() and empty.cleaned_data["period"] == Period.year(2020)
    bad = PeriodForm({"tu": "01/07/2025", "den": "01/01/2025"})
    assert not bad.is_valid() and "den" in bad.errors and bad.period is None
    assert 'class="form-control"' in str(bad["tu"])
