"""Decisions on awards (quyết định khen thưởng): a numbered document of the register with the
awardees and their bonus (issue 12 §2). Of two officers deciding the same nomination at once one is
recorded and the other is told (the nomination's "decide" step, ``core.workflow``)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.numbers import format_number
from congdoan.core.text import clean_line
from congdoan.documents import links
from congdoan.documents import services as documents
from congdoan.documents.models import DocumentKind
from congdoan.members.models import Membership, Person
from congdoan.organizations.permissions import policy

from . import bonus
from .models import Award, AwardInitiative, Decision, LineInitiative, Nomination, NominationLine
from .permissions import DECIDE, deciding_unit
from .services import DECIDE_FLOW, DECIDE_STEP, _refuse_failing

DECISION_KIND = "quyet-dinh"  # DocumentKind code of a quyết định (QĐ)


def _home_of(person: Person, on: dt.date, fallback: int) -> int:
    m = (
        Membership.objects.filter(person=person, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("unit_id", flat=True)
        .first()
    )
    return m or person.unit_id or fallback


def decision_body(nominations: list[Nomination], rows: list[tuple[NominationLine, int]], base: int) -> str:
    """Điều 1–3 and the annex list, written in Vietnamese from the records (Decree 30 layout keeps
    one paragraph per line)."""
    parts = []
    for n in nominations:
        people = sum(1 for ln in n.lines.all() if ln.person_id)
        units = sum(1 for ln in n.lines.all() if ln.unit_id)
        parts.append(
            f"Điều 1. Tặng {n.kind.name} năm {n.year} cho {units} tập thể và {people} cá nhân "
            "có thành tích xuất sắc (có danh sách kèm theo)."
        )
    parts.append(
        f"Điều 2. Tiền thưởng theo mức lương cơ sở {format_number(base)} đồng, "
        f"tổng cộng {format_number(sum(a for _l, a in rows))} đồng."
    )
    parts.append("Điều 3. Các đơn vị và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")
    parts.append("DANH SÁCH KÈM THEO")
    for i, (line, amount) in enumerate(rows, 1):
        who = line.person.full_name if line.person_id else str(line.unit)
        parts.append(f"{i}. {who} — {format_number(amount)} đồng")
    return "\n".join(parts)


@transaction.atomic
def decision_record(
    *,
    actor,
    nominations: list[Nomination],
    title: str,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    place: str = "",
    number: int | None = None,
    sender_number: str = "",
) -> Decision:
    """Quyết định khen thưởng on nominations marked đạt with the same issuer: a numbered document
    (issued by the issuer through the register, next number or ``number``; from an issuer outside
    the union, recorded as an incoming document of the nominating unit with ``sender_number``), and
    one award per line with its bonus: multiple × base salary on ``signed_on``, rounded up.
    Each nomination takes the "decide" step: of two officers deciding at once, one wins."""
    if not nominations:
        raise ValidationError({"nominations": _("Hãy chọn ít nhất một đề nghị đã đạt.")})
    first = nominations[0]
    deciding = deciding_unit(first)
    policy.require(actor, DECIDE, deciding)
    errors: dict = {}
    if any(deciding_unit(n) != deciding or n.issuer_name != first.issuer_name for n in nominations):
        errors["nominations"] = _("Các đề nghị trong một quyết định phải cùng cấp khen.")
    not_passed = [n for n in nominations if n.state != Nomination.State.PASSED]
    if not_passed:
        errors["nominations"] = _("Đề nghị %(n)s đang ở trạng thái “%(s)s”, chưa được xét đạt.") % {
            "n": not_passed[0],
            "s": not_passed[0].get_state_display(),
        }
    title = clean_line(title or "")
    if not title:
        errors["title"] = _("Trích yếu: hãy nhập.")
    if signed_on > today():
        errors["signed_on"] = _("Ngày quyết định không thể sau hôm nay.")
    if first.issuer_id is None and not clean_line(sender_number or ""):
        errors["sender_number"] = _("Số, ký hiệu quyết định của %(issuer)s: hãy nhập.") % {
            "issuer": first.issuer_name
        }
    if errors:
        raise ValidationError(errors)
    for n in nominations:
        _refuse_failing(n, signed_on)
    base = bonus.base_salary_on(signed_on)
    step = bonus.rounding_on(signed_on)
    rows = []
    for n in nominations:
        for line in n.lines.select_related("person", "unit").order_by("order", "pk"):
            multiple = bonus.multiple_of(n.kind, line.recipient, signed_on)
            rows.append((n, line, multiple, bonus.amount(multiple, base, step)))
    kind = DocumentKind.objects.get(code=DECISION_KIND)
    body = decision_body(nominations, [(line, a) for _n, line, _m, a in rows], base)
    common = {
        "signed_on": signed_on,
        "signer_name": signer_name,
        "signer_position": signer_position,
        "place": place,
        "body": body,
    }
    if first.issuer_id is not None:
        draft = documents.document_create(
            actor=actor,
            unit=first.issuer,
            kind=kind,
            title=title,
            signing_authority="TM. BAN THƯỜNG VỤ",
            **common,
        )
        document = documents.document_issue(actor=actor, document=draft, signed_on=signed_on, number=number)
    else:
        document = documents.document_receive(
            actor=actor,
            unit=first.unit,
            kind=kind,
            title=title,
            sender=first.issuer_name,
            sender_number=clean_line(sender_number),
            sender_date=signed_on,
            received_on=signed_on,
            number=number,
            **{k: v for k, v in common.items() if k not in ("signed_on",)},
        )
    decision = Decision.objects.create(
        document=document,
        issuer=first.issuer,
        issuer_name=first.issuer_name,
        unit_id=deciding,
        decided_on=signed_on,
        base_salary=base,
    )
    for n in nominations:
        DECIDE_FLOW.run(actor=actor, obj=n, step=DECIDE_STEP)
    awards = []
    for order, (n, line, multiple, amount) in enumerate(rows, 1):
        awards.append(
            Award(
                decision=decision,
                line=line,
                form=n.form,
                title=n.title,
                year=n.year,
                person=line.person,
                unit=line.unit,
                home_id=line.unit_id or _home_of(line.person, signed_on, n.unit_id),
                decided_on=signed_on,
                multiple=multiple or 0,
                amount=amount,
                order=order,
            )
        )
    try:
        with transaction.atomic():
            Award.objects.bulk_create(awards)
            created = list(Award.objects.filter(decision=decision).values_list("line_id", "pk"))
            by_line = dict(created)
            AwardInitiative.objects.bulk_create(
                AwardInitiative(award_id=by_line[li.line_id], initiative_id=li.initiative_id)
                for li in LineInitiative.objects.filter(line_id__in=by_line)
            )
    except IntegrityError:
        raise ValidationError(
            {
                "nominations": _(
                    "Một người hoặc tập thể đã được khen hình thức này trong năm, hoặc một sáng kiến đã làm căn cứ "
                    "cho khen thưởng khác; quyết định không được ghi."
                )
            }
        ) from None
    links.link(document=document, obj=decision, role="decision")
    audit.record(
        actor=actor,
        action="decision.record",
        obj=decision,
        unit_id=deciding,
        after={
            "document": document.number_symbol,
            "decided_on": display(signed_on),
            "awards": len(awards),
            "total": sum(a.amount for a in awards),
        },
    )
    return decision
