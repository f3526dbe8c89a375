"""Builders for the initiatives tests, through the real services (so audit and rules are right)."""

import datetime as dt
from decimal import Decimal

from congdoan.accounts.models import User
from congdoan.initiatives import services
from congdoan.initiatives.models import Initiative, InitiativeAttachment, InitiativeField, Programme
from congdoan.members.tests.factories import join

LAUNCHED = dt.date(2021, 9, 1)
ENDS = dt.date(2023, 9, 1)
ROUNDS = ((dt.date(2022, 1, 8), dt.date(2022, 5, 31)), (dt.date(2022, 6, 1), dt.date(2023, 9, 1)))
IN_ROUND_1 = dt.date(2022, 3, 1)
DECIDED = dt.date(2022, 6, 30)


def _admin() -> User:
    return User.objects.filter(is_superuser=True).first()


def programme(
    unit, *, actor=None, name: str = "1 triệu sáng kiến", goal: int | None = 1_000_000
) -> Programme:
    return services.programme_create(
        actor=actor or _admin(),
        unit=unit,
        name=name,
        starts_on=LAUNCHED,
        ends_on=ENDS,
        rounds=ROUNDS,
        goal=goal,
    )


def field() -> InitiativeField:
    return InitiativeField.objects.order_by("order").first()


def rows(unit, authors, n: int, *, round_=None, on: dt.date = IN_ROUND_1, title: str = "Sáng kiến"):
    """``n`` rows for ``initiatives_create``: ``authors`` are (person, share) pairs."""
    return [
        services.InitiativeRow(
            unit=unit,
            title=f"{title} {i + 1}",
            field=field(),
            applied_on=on,
            registered_on=on,
            authors=[(p.pk, s) for p, s in authors],
            round=round_,
        )
        for i in range(n)
    ]


def register(
    unit, n: int = 1, *, actor=None, round_=None, authors=None, on: dt.date = IN_ROUND_1
) -> list[int]:
    """``n`` initiatives of ``unit`` (one author of the unit unless ``authors`` is given)."""
    actor = actor or _admin()
    authors = authors or [(join(unit, actor=actor), Decimal(100))]
    return services.initiatives_create(actor=actor, rows=rows(unit, authors, n, round_=round_, on=on))


def recognise(ids, unit, *, actor=None, on: dt.date = DECIDED) -> None:
    """Through the review: into review, then recognised by ``unit``'s council on ``on``."""
    actor = actor or _admin()
    services.initiatives_decide(actor=actor, initiative_ids=ids, step="start_review")
    services.initiatives_decide(actor=actor, initiative_ids=ids, step="recognise", unit=unit, on=on)


def scope_objects(tree, officer) -> dict:
    """Ids of the officer's unit's initiatives objects for the route-scope walk: a programme it
    launched (with its rounds), an initiative and a file attached to it (a row only)."""
    home = officer.home_unit
    p = programme(home, actor=officer, name="Chương trình sáng kiến của đơn vị", goal=10)
    (pk,) = register(home, actor=officer, round_=p.rounds.get(number=1))
    file = InitiativeAttachment.objects.create(
        initiative_id=pk,
        path=f"attachments/test/initiative-{pk}.pdf",
        name="a.pdf",
        size=1,
        content_type="application/pdf",
    )
    return {
        "programme_id": p.pk,
        "round_id": p.rounds.get(number=1).pk,
        "initiative_id": Initiative.objects.get(pk=pk).pk,
        "file_id": file.pk,
    }
