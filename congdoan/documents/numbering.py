"""Administrative numbering (Decree 30/2020/NĐ-CP, Article 15 and Appendix I): one helper for every
module that prints "92/KH-CĐVC" or "ngày 05 tháng 4 năm 2022".

- A number counts from 01 each calendar year: numbers below 10 are written with a leading zero.
- The symbol is the kind's abbreviation, a hyphen and the issuer's symbol.
- In the date line, days below 10 and the months January and February take a leading zero
  ("ngày 05 tháng 4", "ngày 15 tháng 02"); months 3 to 12 do not.

Numbers are taken here, under a row lock on the sequence's ``DocumentCounter`` (``take_number``).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from congdoan.core.models import active_on
from congdoan.organizations.models import Unit

from .models import Document, DocumentCounter, DocumentKind, DocumentSymbol

FALLBACK_SYMBOL = "CĐ"


def format_number(number: int) -> str:
    """'01'…'09', then '10', '92', '123'."""
    return f"{number:02d}"


def number_symbol(number: int, kind: DocumentKind, symbol: str) -> str:
    """'92/KH-CĐVC'."""
    return f"{format_number(number)}/{kind.abbreviation}-{symbol}"


def date_line(place: str, on: dt.date) -> str:
    """'Hà Nội, ngày 05 tháng 4 năm 2022' (place omitted when empty)."""
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    # Always Vietnamese: it is printed in the document, whatever the language of the page.
    words = f"ngày {on.day:02d} tháng {month} năm {on.year}"
    return f"{place}, {words}" if place else words


def _acronym(short_name: str) -> str:
    """The first word of a short name when it is an acronym ('CĐVC Việt Nam' -> 'CĐVC')."""
    first = (short_name or "").split(" ")[0]
    return first if len(first) >= 2 and first.isalpha() and first.isupper() else ""


def symbol_for(unit: Unit, on: dt.date) -> str:
    """The issuer symbol ``unit`` writes on ``on``: its own ``DocumentSymbol`` row, else the
    acronym its short name starts with, else its kind's row, else 'CĐ'."""
    own = DocumentSymbol.objects.filter(active_on(on), unit=unit).first()
    if own:
        return own.symbol
    version = unit.version_on(on) or unit.latest_version
    if version is None:
        return FALLBACK_SYMBOL
    acronym = _acronym(version.short_name)
    if acronym:
        return acronym
    by_kind = DocumentSymbol.objects.filter(active_on(on), unit_kind_id=version.kind_id).first()
    return by_kind.symbol if by_kind else FALLBACK_SYMBOL


def _locked_counter(unit_id: int, kind_id: int | None, year: int) -> DocumentCounter:
    """The sequence's counter row, created if missing, locked until the transaction ends."""
    counter, _created = DocumentCounter.objects.get_or_create(unit_id=unit_id, kind_id=kind_id, year=year)
    return DocumentCounter.objects.select_for_update().get(pk=counter.pk)


def number_taken(*, unit_id: int, kind_id: int | None, year: int, number: int, exclude_pk=None) -> bool:
    direction = Q(direction="out", kind_id=kind_id) if kind_id is not None else Q(direction="in")
    qs = Document.objects.filter(direction, unit_id=unit_id, year=year, number=number)
    return qs.exclude(pk=exclude_pk).exists() if exclude_pk else qs.exists()


def take_number(
    *, unit: Unit, kind: DocumentKind | None, year: int, given: int | None = None, field: str = "number"
) -> int:
    """The next number of the sequence (``kind`` None: the unit's incoming register), or ``given``
    (recording a document issued before the register was kept) when that number is still free.
    Must run inside the issuing transaction: the counter row stays locked until it commits, so
    concurrent issuers queue and each gets its own number; a number is never handed out twice."""
    counter = _locked_counter(unit.pk, kind.pk if kind else None, year)
    if given is None:
        number = counter.last_number + 1
    else:
        if given < 1:
            raise ValidationError({field: _("Số văn bản phải là số nguyên dương.")})
        if number_taken(unit_id=unit.pk, kind_id=counter.kind_id, year=year, number=given):
            if kind is None:
                message = _("Số đến %(number)s năm %(year)s đã được dùng trong sổ văn bản đến của đơn vị.")
            else:
                message = _("Số %(number)s đã được dùng cho %(kind)s năm %(year)s của đơn vị ban hành.")
            raise ValidationError(
                {
                    field: message
                    % {
                        "number": format_number(given),
                        "kind": kind.name.lower() if kind else "",
                        "year": year,
                    }
                }
            )
        number = given
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return number
