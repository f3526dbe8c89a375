"""Reading the rows that hold any of many values of one column (an import matching 100,000 ID
numbers or names against the register): a constant number of statements whatever the number of
values.

``rows_with(queryset, field, values, *fields)`` reads ``queryset.values(*fields)`` of the rows whose
``field`` is one of ``values``, in no order (the model's default ordering is dropped: a sort of every
chunk for nothing). The test is ``AnyOf``:

- PostgreSQL: ``field IN (SELECT unnest(%s::type[]))``, the values as **one** array parameter,
  ``PG_CHUNK`` values a statement (one for a whole file). The planner joins the list: an index probe
  per value where the column has an index, else a hash of the list against the rows the rest of
  the filter leaves (a scope's subtree through the path index). ``field IN (%s, …)`` with 5,000
  literals, as before, cost seconds a statement in Python (Django prepared each value, the driver
  split a query of 5,000 placeholders), and the planner, costing 5,000 literal values, chose badly:
  a sequential scan per chunk for the unique ID number (``EXPLAIN ANALYZE`` at 100,000 members) and,
  for ``name_folded`` at 1,000,000, a bitmap scan of the trigram index ANDed with the subtree's
  (75,779 index rows for 480 names: 36-38 s, one statement, under load; as a join 36 ms).
- Elsewhere (SQLite): ``field IN (%s, …)``, one placeholder a value, ``CHUNK`` values a statement.

Text values are compared as the field stores them (``core.fields``: ``clean_value``), a column at a
time (``core.text.clean_all``: one check for values already clean, as a parsed sheet's are), and
never cut to the column's length (the array is of the column's type without it).
"""

import re
from collections.abc import Iterable, Iterator

from django.db import connections, models
from django.db.models import Lookup

from congdoan.core.fields import CleanedText
from congdoan.core.text import clean_all

CHUNK = 5_000  # values a statement on SQLite (a placeholder each)
PG_CHUNK = 100_000  # values a statement on PostgreSQL (one array parameter)


class AnyOf(Lookup):
    """``field`` is one of a list of values: ``queryset.filter(AnyOf(F("id_number"), values))``.
    A join with one array parameter on PostgreSQL, ``IN (…)`` elsewhere; an empty list matches
    nothing."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self.rhs
        field = self.lhs.output_field
        if isinstance(field, CleanedText):
            values = list(clean_all(field.cleaner, values))
        if not values:
            return "1 = 0", list(lhs_params)
        if connection.vendor == "postgresql":
            # The column's type without its length: varchar(12)[] would cut a longer value to a match.
            element = re.sub(r"\(.*\)", "", self.lhs.output_field.cast_db_type(connection))
            array = f"%s::{element}[]"
            return f"{lhs} IN (SELECT unnest({array}))", [*lhs_params, values]
        marks = ", ".join(["%s"] * len(values))
        return f"{lhs} IN ({marks})", [*lhs_params, *values]


def _parts(queryset: models.QuerySet, field: str, values: Iterable, chunk: int | None):
    """``queryset`` filtered by each chunk of the distinct ``values``, unordered."""
    distinct = sorted({v for v in values if v is not None})
    if chunk is None:
        chunk = PG_CHUNK if connections[queryset.db].vendor == "postgresql" else CHUNK
    for i in range(0, len(distinct), chunk):
        yield queryset.filter(AnyOf(models.F(field), distinct[i : i + chunk])).order_by()


def rows_with(
    queryset: models.QuerySet, field: str, values: Iterable, *fields: str, chunk: int | None = None
) -> Iterator[dict]:
    """``queryset.values(*fields)`` of the rows whose ``field`` is one of ``values`` (each distinct
    value asked once; None never matches), ``chunk`` values a statement (default: ``PG_CHUNK`` on
    PostgreSQL, ``CHUNK`` elsewhere), unordered."""
    for part in _parts(queryset, field, values, chunk):
        yield from part.values(*fields)


def rows_with_list(
    queryset: models.QuerySet, field: str, values: Iterable, *fields: str, chunk: int | None = None
) -> Iterator[tuple]:
    """As ``rows_with``, rows as tuples (``values_list(*fields)``)."""
    for part in _parts(queryset, field, values, chunk):
        yield from part.values_list(*fields)
