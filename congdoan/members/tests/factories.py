import datetime as dt

from congdoan.accounts.models import User
from congdoan.members import services
from congdoan.members.models import Person

_counter = {"n": 0}


def join(
    unit,
    *,
    name: str = "",
    sex: str = "F",
    on: dt.date = dt.date(2021, 1, 1),
    actor: User | None = None,
    **fields,
) -> Person:
    """A member joined through the real service (so periods and audit are right)."""
    _counter["n"] += 1
    n = _counter["n"]
    actor = actor or User.objects.filter(is_superuser=True).first()
    fields.setdefault("card_number", f"T{n:06d}")
    # Born 1985–1998 whatever the count: a worker process that has joined thousands of members
    # before (the module demos) must not make a 14-year-old (the dated minimum age refuses it).
    fields.setdefault("date_of_birth", dt.date(1985, 1, 1) + dt.timedelta(days=n % 5000))
    return services.member_join(
        actor=actor, unit=unit, on=on, full_name=name or f"Nguyễn Thị Lan {n}", sex=sex, **fields
    )
