"""Cleaning text stored before ``core.text`` existed, for data migrations: batched, safe on a
table of a million rows.

``clean_stored(Model, {"full_name": LINE, "card_number": IDENTIFIER, …})`` finds the candidate rows
in SQL (a regular expression per column: a character outside the plain Vietnamese ones, a space
at an end or two together, a lower-case identifier, a phone not in its stored form; the same
expression on PostgreSQL and on SQLite, where Django provides REGEXP), walks them in primary-key
batches, cleans them with the very functions every input uses, recomputes ``derived`` columns
(folded names) and writes only the rows that change, one bulk update per batch.

A cleaned value that another row already holds under a unique constraint (two spellings of one
card number, once both stored) is left as it was on the later row, logged on
``congdoan.cleanup`` with the row's id (never the value): an officer decides which is right. The
row's other columns are still cleaned.
"""

import logging
import operator
from collections.abc import Callable
from functools import reduce

from django.db import IntegrityError, migrations, models, transaction
from django.db.models import F, Q

from . import text
from .bulk.insert import bulk_update

log = logging.getLogger("congdoan.cleanup")
BATCH = 5_000

# Characters a clean line may hold without a look (printable ASCII, the Latin letters of Vietnamese
# and its neighbours, precomposed); anything else makes the row a candidate, as do spaces at an end
# or two together. Ð/ð, combining marks and compatibility letters (ĳ, ŀ, ŉ, ſ) are left out on
# purpose: cleaning or folding changes them.
_PLAIN = " -~À-ÏÑ-ÖØ-ïñ-öø-ÿĀ-ıĴ-ľŁ-ňŊ-žƠơƯưḀ-ỿ"
LINE = ("line", text.clean_line, Q, f"[^{_PLAIN}]|^ | $|  ")
TEXT = ("text", text.clean_text, Q, f"[^\n{_PLAIN}]|^[ \n]|[ \n]$| \n|  ")
# An identifier is printable ASCII without spaces, in upper case.
IDENTIFIER = ("identifier", text.identifier_cleaner(""), Q, "[^!-~]|[a-z]")
ID_NUMBER = ("identifier", text.identifier_cleaner(".-"), Q, "[^!-~]|[a-z.-]")
PHONE = ("phone", text.phone_or_line, lambda **kw: ~Q(**kw), f"^({text.STORED_PHONE})?$")


def _candidates(column: str, kind) -> Q:
    _name, _cleaner, wrap, pattern = kind
    return wrap(**{f"{column}__regex": pattern})


def _unique_columns(model) -> set[str]:
    """Columns under a unique constraint (a field's own, a constraint's fields or expressions)."""
    unique = {f.name for f in model._meta.concrete_fields if f.unique}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            unique.update(constraint.fields)
            for expression in constraint.expressions:
                unique.update(e.name for e in expression.flatten() if isinstance(e, F))
    return unique


def clean_stored(
    model,
    kinds: dict[str, tuple],
    *,
    derived: dict[str, Callable[[dict], str]] | None = None,
    exclude: Q | None = None,
    batch: int = BATCH,
) -> set[int]:
    """Clean ``model``'s ``kinds`` columns (``LINE``, ``TEXT``, ``IDENTIFIER``, ``ID_NUMBER``,
    ``PHONE``) in place and recompute ``derived`` ({column: function of the cleaned row}) on the
    rows that are candidates; rows matching ``exclude`` are not touched. Returns the ids of the rows
    whose unique column was kept as it was (see the module's docstring)."""
    derived = derived or {}
    wanted = reduce(operator.or_, (_candidates(c, k) for c, k in kinds.items()))
    rows = model._default_manager.filter(wanted)
    if exclude is not None:
        rows = rows.exclude(exclude)
    columns = [*kinds, *derived]
    unique = _unique_columns(model) & set(columns)
    kept: set[int] = set()
    last = None
    while True:
        page = rows.order_by("pk") if last is None else rows.filter(pk__gt=last).order_by("pk")
        found = list(page.values("pk", *columns)[:batch])
        if not found:
            return kept
        last = found[-1]["pk"]
        changes = {}
        for row in found:
            new = {c: kind[1](row[c]) if isinstance(row[c], str) else row[c] for c, kind in kinds.items()}
            new.update({c: compute(new) for c, compute in derived.items()})
            if any(new[c] != row[c] for c in columns):
                changes[row["pk"]] = new
        kept |= _write(model, columns, unique, changes)


def _write(model, columns: list[str], unique: set[str], changes: dict[int, dict]) -> set[int]:
    if not changes:
        return set()
    try:
        with transaction.atomic():
            bulk_update(
                model, "id", columns, [(pk, *(new[c] for c in columns)) for pk, new in changes.items()]
            )
        return set()
    except IntegrityError:
        pass  # a clean value is already held: row by row, to find which
    kept = set()
    for pk, new in changes.items():
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**new)
        except IntegrityError:
            kept.add(pk)
            log.warning("%s %s: unique value kept as stored (its clean form is taken)", model._meta.label, pk)
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(
                    **{c: v for c, v in new.items() if c not in unique}
                )
    return kept


def fill_derived(
    model, sources: list[str], derived: Callable[[dict], dict[str, str]], *, batch: int = BATCH
) -> None:
    """Compute columns derived from others (sort keys from a name) for every row of ``model``, for a
    data migration that adds them: ``derived(row)`` ({column: value}) from the row's ``sources``
    columns; walked in primary-key batches, one bulk update per batch."""
    rows = model._default_manager.order_by("pk")
    last = None
    while True:
        found = list((rows if last is None else rows.filter(pk__gt=last)).values("pk", *sources)[:batch])
        if not found:
            return
        last = found[-1]["pk"]
        changes = [(row["pk"], derived(row)) for row in found]
        columns = list(changes[0][1])
        bulk_update(model, "id", columns, [(pk, *(new[c] for c in columns)) for pk, new in changes])


def postgres_sql(forward: list[str], reverse: list[str] = ()) -> migrations.RunPython:
    """A migration operation running ``forward`` (``reverse`` when unapplied) on PostgreSQL only:
    collations, trigram and covering indexes SQLite has no use for."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql)

        return apply

    return migrations.RunPython(run(forward), run(reverse))
