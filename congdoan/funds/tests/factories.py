"""Builders for the fund drives tests, through the real services (so audit and rules are right)."""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.funds import services
from congdoan.funds.models import Fund

Y2022 = dt.date(2022, 1, 1)
_counter = {"n": 0}


def _admin() -> User:
    return User.objects.filter(is_superuser=True).first()


def fund(code: str = "bien_dao") -> Fund:
    return Fund.objects.get(code=code)


def drive(unit, *, actor=None, code: str = "bien_dao", year: int = 2022, **extra):
    extra.setdefault("name", f"Ủng hộ Quỹ năm {year}")
    extra.setdefault("starts_on", dt.date(year, 1, 1))
    extra.setdefault("ends_on", dt.date(year, 12, 31))
    return services.drive_launch(actor=actor or _admin(), fund=fund(code), unit=unit, **extra)


def give(drive, unit, amount: int, *, actor=None, on: dt.date | None = None, receipt: str = "", **extra):
    """A unit's contribution (collected at itself) unless ``extra`` says otherwise."""
    _counter["n"] += 1
    extra.setdefault("kind", "unit")
    if extra["kind"] == "unit":
        extra.setdefault("contributor_unit", unit)
    return services.contribution_record(
        actor=actor or _admin(),
        drive=drive,
        unit=unit,
        amount=amount,
        contributed_on=on or drive.starts_on,
        receipt_no=receipt or f"BN{_counter['n']:05d}",
        **extra,
    )


def scope_objects(tree, officer) -> dict:
    """Ids of a drive launched by the officer's unit and a contribution to it (route-scope walk)."""
    d = drive(officer.home_unit, actor=officer, name="Vận động của đơn vị")
    c = give(d, officer.home_unit, 1_000_000, actor=officer)
    return {"drive_id": d.pk, "contribution_id": c.pk}
