"""Writes of the mid-year and year-end reviews (sơ kết 6 tháng, tổng kết năm) of a level, as the
conference services (``services.py``): one transaction, the policy, field errors raised once in
Vietnamese, one audit row.

- one review of each kind per unit and work year (``review_one_per_year``), dated within the unit's
  life, not in the future, inside its window (``review_window``);
- the report and the plan launching the next year's emulation are the unit's own issued documents; an
  award decision may be another level's (``documents.links``, roles of ``ReviewLink``).
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.documents import links
from congdoan.documents.models import Document
from congdoan.documents.models import Status as DocumentStatus
from congdoan.organizations.models import Unit
from congdoan.organizations.permissions import policy

from .models import Review, ReviewAward, ReviewKind, ReviewLink
from .permissions import MANAGE
from .services import _created, _raise, _save_once

# -- mid-year and year-end reviews -----------------------------------------------------------------
REVIEW_FIELDS = [
    "unit",
    "kind",
    "year",
    "held_on",
    "place",
    "attendees",
    "guests",
    "results",
    "launched",
    "note",
]


def review_window(kind: str, year: int) -> tuple[dt.date, dt.date]:
    """When a review of ``year`` meets: the mid-year one from June to September of the year, the
    year-end one from November of the year to March of the next (seed 001: 05/01/2023 for 2022)."""
    if kind == ReviewKind.MID_YEAR:
        return dt.date(year, 6, 1), dt.date(year, 9, 30)
    return dt.date(year, 11, 1), dt.date(year + 1, 3, 31)


def _review_errors(unit: Unit, kind: str, year: int, held_on: dt.date, attendees) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in ReviewKind.values:
        errors["kind"] = _("Loại hội nghị '%(k)s' không có trong danh mục.") % {"k": kind}
    if held_on > today():
        errors["held_on"] = _("Ngày tổ chức %(d)s chưa đến: chỉ ghi hội nghị đã họp.") % {
            "d": display(held_on)
        }
    elif unit.lifetime_error(held_on):
        errors["held_on"] = unit.lifetime_error(held_on)
    if "kind" not in errors and "held_on" not in errors:
        first, last = review_window(kind, year)
        if not (first <= held_on <= last):
            errors["held_on"] = _(
                "%(kind)s %(y)s họp từ ngày %(first)s đến ngày %(last)s, không phải ngày %(d)s."
            ) % {
                "kind": ReviewKind(kind).label,
                "y": year,
                "first": display(first),
                "last": display(last),
                "d": display(held_on),
            }
    if attendees is None or attendees < 1:
        errors["attendees"] = _("Số đại biểu dự phải từ 1 trở lên.")
    return errors


def _review_duplicate(unit: Unit, kind: str, year: int) -> dict[str, str]:
    return {
        "year": _("%(unit)s đã ghi %(kind)s %(y)s.")
        % {"unit": unit, "kind": ReviewKind(kind).label, "y": year}
    }


@transaction.atomic
def review_record(
    *,
    actor,
    unit: Unit,
    kind: str,
    year: int,
    held_on: dt.date,
    attendees: int,
    place: str = "",
    guests: str = "",
    results: str = "",
    launched: str = "",
    note: str = "",
) -> Review:
    """A mid-year or year-end review that met: one of each kind per unit and work year."""
    policy.require_dated(actor, MANAGE, unit, held_on)
    errors = _review_errors(unit, kind, year, held_on, attendees)
    if not errors and Review.objects.filter(unit=unit, kind=kind, year=year).exists():
        errors = _review_duplicate(unit, kind, year)
    _raise(errors)
    text = {"place": place, "guests": guests, "results": results, "launched": launched, "note": note}
    review = Review(unit=unit, kind=kind, year=year, held_on=held_on, attendees=attendees, **text)
    _save_once(review, _review_duplicate(unit, kind, year))
    _created(actor, "review.record", review, unit.pk, REVIEW_FIELDS)
    return review


@transaction.atomic
def review_award_add(
    *, actor, review: Review, form: str, collectives: int = 0, individuals: int = 0, recipients: str = ""
) -> ReviewAward:
    """Awards of one form handed out at the review (counts of collectives and individuals)."""
    policy.require(actor, MANAGE, review.unit_id)
    errors: dict[str, str] = {}
    if not (form or "").strip():
        errors["form"] = _("Hãy nhập hình thức khen thưởng.")
    for name, value in (("collectives", collectives), ("individuals", individuals)):
        if value is None or value < 0:
            errors[name] = _("%(field)s phải là số không âm.") % {
                "field": ReviewAward._meta.get_field(name).verbose_name
            }
    if not errors and not (collectives or individuals):
        errors["collectives"] = _("Hãy nhập số tập thể hoặc số cá nhân được khen.")
    _raise(errors)
    award = ReviewAward.objects.create(
        review=review,
        form=form,
        collectives=collectives,
        individuals=individuals,
        recipients=recipients,
        order=review.awards.count() + 1,
    )
    _created(
        actor, "review.award_add", award, review.unit_id, ["review", "form", "collectives", "individuals"]
    )
    return award


@transaction.atomic
def review_link(*, actor, review: Review, document: Document, role: str) -> Document:
    """Link a numbered document to the review: its report and the plan launching the next year's
    emulation (the unit's own), or an award decision handed out there (the unit's or a level
    above's). The emulation module links its movement to the same plan (role "plan"), so the review
    reaches the movement launched without this module importing emulation."""
    policy.require(actor, MANAGE, review.unit_id)
    errors: dict[str, str] = {}
    if role not in ReviewLink.values:
        errors["role"] = _("Loại văn bản '%(r)s' không có trong danh mục.") % {"r": role}
    elif document.status != DocumentStatus.ISSUED or document.number is None:
        errors["document"] = _("Văn bản chưa ban hành (chưa có số).")
    elif role != ReviewLink.AWARDS and document.unit_id != review.unit_id:
        errors["document"] = _("Báo cáo và kế hoạch phát động thi đua phải là văn bản của chính đơn vị.")
    elif links.documents_of(review, role).filter(pk=document.pk).exists():
        errors["document"] = _("Văn bản này đã được gắn với hội nghị.")
    elif role == ReviewLink.REPORT and links.documents_of(review, role).exists():
        errors["document"] = _("Hội nghị đã có báo cáo.")
    _raise(errors)
    links.link(document=document, obj=review, role=role)
    audit.record(
        actor=actor,
        action="review.link",
        obj=review,
        unit_id=review.unit_id,
        after={"role": role, "document": document.pk, "number": document.number_symbol},
    )
    return document
