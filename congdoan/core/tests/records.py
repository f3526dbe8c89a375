"""Test helper: a figure's ``records_url`` lists exactly the records the figure counts (issue 15 §3)."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.test import Client

from congdoan.core import figures
from congdoan.core.periods import Period


def check_records(
    client: Client,
    actor,
    *,
    names: Iterable[str],
    unit_ids: Iterable[int],
    period: Period,
    as_of: dt.date,
    listed: Callable[[str, object], int],
) -> list[tuple[str, int, int]]:
    """For each unit and figure: opens ``records_url(unit, period, as_of)`` as ``actor`` and checks that
    ``listed(name, response)`` (the number of records the page lists) equals the figure's subtree
    total (``figures.compute``). Returns ``(name, unit id, value)``; at least one value is not 0."""
    client.force_login(actor)
    names = list(names)
    checked, wrong = [], []
    for unit_id in unit_ids:
        values = figures.compute(actor=actor, unit_id=unit_id, names=names, period=period, as_of=as_of)
        for name in names:
            figure = figures.get(name)
            assert figure.records_url is not None, f"{name} leads to no records"
            response = client.get(figure.records_url(unit_id, period, as_of))
            assert response.status_code == 200, (name, response.status_code)
            got = listed(name, response)
            if got != values[name]:
                wrong.append((name, unit_id, values[name], got))
            checked.append((name, unit_id, values[name]))
    assert not wrong, f"(figure, unit, figure's value, records listed): {wrong}"
    assert any(value for _n, _u, value in checked), "every figure is 0: the test proves nothing"
    return checked
