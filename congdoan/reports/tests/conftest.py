"""Fixtures of the reports tests: a small tree with members in 2022, and a fake module's figures
registered for a test (the modules being built alongside: awards by form, a fund)."""

import datetime as dt

import pytest

from congdoan.core import figures
from congdoan.core.figures import Figure, Measure
from congdoan.members import services as member_services
from congdoan.members.tests.factories import join
from congdoan.members.workforce import workforce_record
from congdoan.organizations.selectors import subtree_units

D = dt.date
FAKE_FORM = "awards.by_form.fake-test"
FAKE_FUND = "funds.by_fund.fake-test.amount"


@pytest.fixture
def year_2022(tree, admin_user):
    """CĐCS A: 3 members (2 women) since 2021, one joins 01/03/2022, one leaves 01/09/2022; workforce 8.
    CĐCS B: 2 members since 2021, one joins 01/06/2022; workforce 5."""
    old = D(2021, 1, 1)
    join(tree.a, name="Nguyễn Thị An", sex="F", on=old)
    join(tree.a, name="Trần Thị Bé", sex="F", on=old)
    leaver = join(tree.a, name="Lê Văn Cường", sex="M", on=old)
    join(tree.a, name="Phạm Văn Dũng", sex="M", on=D(2022, 3, 1))
    member_services.member_leave(actor=admin_user, person=leaver, on=D(2022, 9, 1))
    join(tree.b, name="Võ Thị Em", sex="F", on=old)
    join(tree.b, name="Đỗ Văn Giang", sex="M", on=old)
    join(tree.b, name="Hồ Văn Hải", sex="M", on=D(2022, 6, 1))
    workforce_record(actor=admin_user, unit=tree.a, on=D(2022, 1, 1), total=8)
    workforce_record(actor=admin_user, unit=tree.b, on=D(2022, 1, 1), total=5)
    return tree


@pytest.fixture
def fake_module(monkeypatch, tree):
    """A module that is not installed yet, registered for the test: awards of one form (A: 2 collective,
    B: 1 collective and 4 individuals) and one fund (A: 1.500.000 đồng), each unit's own values,
    counted only for units of the asked subtree; a link to its records."""
    monkeypatch.setattr(figures, "FIGURES", dict(figures.FIGURES))
    monkeypatch.setattr(figures, "GROUPS", dict(figures.GROUPS))
    own = {
        tree.a.pk: {f"{FAKE_FORM}.collective": 2, f"{FAKE_FORM}.individual": 0, FAKE_FUND: 1_500_000},
        tree.b.pk: {f"{FAKE_FORM}.collective": 1, f"{FAKE_FORM}.individual": 4, FAKE_FUND: 0},
    }

    def compute(query):
        inside = set(subtree_units(query.path, query.as_of).values_list("unit_id", flat=True))
        return {
            uid: {n: v for n, v in values.items() if n in query.names}
            for uid, values in own.items()
            if uid in inside
        }

    figures.register_group(
        "fake-test",
        permission="reports.view",
        compute=compute,
        figures=[
            Figure(
                f"{FAKE_FORM}.collective",
                "Bằng khen thử nghiệm (tập thể)",
                Measure.UNITS,
                records_url=lambda unit_id, period, as_of: f"/fake/{unit_id}/{period.start.year}/",
            ),
            Figure(f"{FAKE_FORM}.individual", "Bằng khen thử nghiệm (cá nhân)"),
            Figure(FAKE_FUND, "Quỹ thử nghiệm", Measure.VND),
        ],
    )
    return own
