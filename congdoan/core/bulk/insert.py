"""One bulk insert and one bulk update for every import and generator: a constant number of
statements whatever the number of rows.

- PostgreSQL: ids reserved from the table's sequence, then one COPY (the ORM's INSERT costs several
  times more, mostly in Python); an update is a COPY into a temporary table and one UPDATE ... FROM.
- Elsewhere (SQLite, the embedded default and the tests): one ``executemany`` of the prepared
  values (``bulk_create`` would split 200 rows of 20 columns into several statements, SQLite's 999
  parameters at a time); the ids of an insert are the block of rowids it was given, read back with
  ``last_insert_rowid()``: the write lock is held from the first row to the commit, so no other
  writer takes ids in between.

Rows are tuples of values in ``columns`` order; columns are attnames (``unit_id``, not ``unit``).
They run no model ``save()``, signals or validation, and a column not named gets the database's
default (not the model field's Python default): name every column that has no database default.
Text is cleaned as the model fields clean it on save (``core.fields``: ``clean_value``), a column
at a time (``core.text.clean_all``: one check for a column already clean).
Each runs in the caller's transaction (or its own, without a savepoint, outside one).

Progress: given ``advance`` (a job's ``Progress.advance``), a write reports the rows it has sent
every ``PROGRESS_BATCH`` rows, so a job's bar moves during a long write instead of jumping from 0
to 100 %: within the COPY stream on PostgreSQL, and as one ``executemany`` per batch elsewhere
(a statement per ``PROGRESS_BATCH`` rows; without ``advance`` one statement, as before).
"""

import json
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, models, transaction

from congdoan.core.fields import CleanedText
from congdoan.core.text import clean_all

COPY_CHUNK = 20_000  # rows materialised at a time for COPY
PROGRESS_BATCH = 5_000  # rows between two progress reports of a write

Advance = Callable[[int], None] | None


def _reported(rows: Iterable, advance: Advance) -> Iterable:
    """``rows`` as they are consumed, calling ``advance(n)`` every ``PROGRESS_BATCH`` rows and for
    the rest at the end."""
    if advance is None:
        yield from rows
        return
    pending = 0
    for row in rows:
        yield row
        pending += 1
        if pending == PROGRESS_BATCH:
            advance(pending)
            pending = 0
    if pending:
        advance(pending)


def _executemany(cursor, sql: str, params: list[tuple], advance: Advance) -> None:
    """One ``executemany``, or one per ``PROGRESS_BATCH`` rows reporting each (``advance``)."""
    if advance is None:
        cursor.executemany(sql, params)
        return
    for start in range(0, len(params), PROGRESS_BATCH):
        batch = params[start : start + PROGRESS_BATCH]
        cursor.executemany(sql, batch)
        advance(len(batch))


def _fields(model, columns: Sequence[str]) -> list[models.Field]:
    return [model._meta.get_field(c) for c in columns]


def _cleaned(fields: list[models.Field], rows: Sequence[tuple]) -> Sequence[tuple]:
    """``rows`` with the text of the cleaning fields as those fields store it (``rows`` itself
    when every text column is already clean)."""
    changed = {}
    for i, field in enumerate(fields):
        if isinstance(field, CleanedText):
            column = [row[i] for row in rows]
            cleaned = clean_all(field.cleaner, column)
            if cleaned is not column:
                changed[i] = cleaned
    if not changed:
        return rows
    return [
        tuple(changed[i][n] if i in changed else value for i, value in enumerate(row))
        for n, row in enumerate(rows)
    ]


def _prepared(fields: list[models.Field], rows: Iterable[tuple]) -> list[tuple]:
    return [
        tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)) for row in rows
    ]


def copy_rows(
    cursor,
    table: str,
    columns: Sequence[str],
    rows: Iterable[tuple],
    json_positions=(),
    advance: Advance = None,
) -> None:
    """PostgreSQL: ``COPY table (columns) FROM STDIN`` of ``rows`` (database column names; values
    at ``json_positions`` are JSON-encoded). ``cursor`` is Django's cursor."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:  # psycopg 3's cursor
        for row in _reported(rows, advance):
            if json_positions:
                row = tuple(json.dumps(v) if i in json_positions else v for i, v in enumerate(row))
            copy.write_row(row)


def _json_positions(fields: list[models.Field]) -> set[int]:
    return {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}


def bulk_insert(
    model, columns: Sequence[str], rows: Sequence[tuple], *, returning: bool = True, advance: Advance = None
) -> list[int]:
    """Insert ``rows`` into ``model``'s table and return their new ids in row order (``[]`` with
    ``returning=False``, one statement fewer on SQLite). Two statements on SQLite, one on
    PostgreSQL plus the COPY (which Django's query log does not see); ``advance``: see the module."""
    if not rows:
        return []
    fields = _fields(model, columns)
    rows = _cleaned(fields, rows)
    table = model._meta.db_table
    quote = connection.ops.quote_name
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, len(rows)],
            )
            ids = [r[0] for r in cursor.fetchall()]
            id_field = [model._meta.pk]
            copy_rows(
                cursor,
                table,
                [f.column for f in id_field + fields],
                ((i, *row) for i, row in zip(ids, rows, strict=True)),
                {p + 1 for p in _json_positions(fields)},
                advance,
            )
            return ids if returning else []
        names = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        _executemany(
            cursor, f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", _prepared(fields, rows), advance
        )
        if not returning:
            return []
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
    return list(range(last - len(rows) + 1, last + 1))


def bulk_update(
    model,
    key: str,
    columns: Sequence[str],
    rows: Sequence[tuple],
    *,
    open_periods: bool = False,
    advance: Advance = None,
) -> None:
    """Set ``columns`` from ``rows`` = (key value, *values) on the rows whose ``key`` matches (only
    the open periods, ``valid_to IS NULL``, if asked). One ``executemany`` on SQLite; on PostgreSQL
    a temporary table filled by COPY and one UPDATE ... FROM."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = _fields(model, (key, *columns))
    rows = _cleaned(fields, rows)
    quoted = [quote(f.column) for f in fields]
    only_open = " AND valid_to IS NULL" if open_periods else ""
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            assignments = ", ".join(f"{n} = %s" for n in quoted[1:])
            _executemany(
                cursor,
                f"UPDATE {table} SET {assignments} WHERE {quoted[0]} = %s{only_open}",
                [(*row[1:], row[0]) for row in _prepared(fields, rows)],
                advance,
            )
            return
        cursor.execute(
            f"CREATE TEMPORARY TABLE bulk_changes ON COMMIT DROP AS "
            f"SELECT {', '.join(quoted)} FROM {table} WITH NO DATA"
        )
        copy_rows(cursor, "bulk_changes", [f.column for f in fields], rows, _json_positions(fields), advance)
        assignments = ", ".join(f"{n} = c.{n}" for n in quoted[1:])
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM bulk_changes AS c "
            f"WHERE t.{quoted[0]} = c.{quoted[0]}{only_open.replace(' valid_to', ' t.valid_to')}"
        )
        cursor.execute("DROP TABLE bulk_changes")
