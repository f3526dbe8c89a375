"""Writes of the reports module: the officer's narrative, a report issued as a numbered báo cáo
through the documents register, and the e-mail reminder to units behind with their year. Each is
one transaction with one audit row; the policy is asked first (``reports.manage`` on the unit)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core.dates import display, today
from congdoan.core.text import clean_text
from congdoan.documents import issuing, links, word
from congdoan.organizations.permissions import policy
from congdoan.plans import documents_bridge

from . import definitions, selectors
from .formatting import body_text
from .models import FilingReminder, IssuedReport, Narrative, Reminder
from .permissions import MANAGE

MAX_TEXT = 20_000


class AlreadyIssued(issuing.AlreadyIssued):
    """A report of this kind, unit and year stands already (``issued``, its document not cancelled):
    a second number is refused (``documents.issuing``). The message names the document; the page
    links to it."""

    def __init__(self, issued: IssuedReport | None):
        self.issued = issued
        super().__init__(issued.document if issued is not None else None)


@transaction.atomic
def narrative_save(
    *, actor, report: definitions.Report, unit, year: int, texts: dict[str, str]
) -> list[Narrative]:
    """Store the officer's text of each section given (``texts``: section code → text)."""
    policy.require(actor, MANAGE, unit)
    codes = {s.code for s in report.sections}
    errors = {}
    cleaned = {}
    for code, text in texts.items():
        if code not in codes:
            errors[code] = _("Báo cáo không có phần '%(c)s'.") % {"c": code}
            continue
        cleaned[code] = clean_text(text or "")
        if len(cleaned[code]) > MAX_TEXT:
            errors[code] = _("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    existing = {n.section: n for n in Narrative.objects.filter(unit=unit, report=report.code, year=year)}
    before = {code: n.text for code, n in existing.items() if code in cleaned}
    saved = []
    for code, text in cleaned.items():
        narrative = existing.get(code) or Narrative(unit=unit, report=report.code, year=year, section=code)
        narrative.text = text
        narrative.save()
        saved.append(narrative)
    changed = {code: text for code, text in cleaned.items() if before.get(code, "") != text}
    if saved and changed:
        audit.record(
            actor=actor,
            action="report.narrative",
            obj=saved[0],
            unit_id=unit.pk,
            before={"report": report.code, "year": year, **{c: before.get(c, "") for c in changed}},
            after={"report": report.code, "year": year, **changed},
        )
    return saved


@transaction.atomic
def report_issue(
    *,
    actor,
    report: definitions.Report,
    scope: selectors.Scope,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    place: str = "",
    recipients: str = "",
) -> IssuedReport:
    """Issue the report of ``scope`` as a numbered báo cáo of the unit (the register's next number,
    through the same helper as a mission's report: ``plans.documents_bridge.issue_report``),
    its body written from the registry's figures and the stored narratives."""
    if not report.signed:
        raise ValidationError({"report": _("Báo cáo này không ban hành thành văn bản.")})
    policy.require(actor, MANAGE, scope.unit)
    if signed_on < scope.period.start:
        raise ValidationError({"signed_on": _("Ngày ký không được trước ngày đầu kỳ báo cáo.")})
    year = scope.period.start.year
    current = selectors.issued_in_force(unit=scope.unit, report=report, year=year)
    if current is not None and issuing.in_force(current.document):
        raise AlreadyIssued(current)
    title, body = _document_text(actor=actor, report=report, scope=scope)
    document = documents_bridge.issue_report(
        actor=actor,
        unit=scope.unit,
        title=title,
        body=body,
        signed_on=signed_on,
        signer_name=signer_name,
        signer_position=signer_position,
        place=place,
        recipients=recipients,
        current=current.document if current is not None else None,  # the cancelled one it replaces
    )
    try:
        with transaction.atomic():  # the constraint settles two officers issuing at the same moment
            issued = IssuedReport.objects.create(
                unit=scope.unit, report=report.code, year=year, document=document, replaces=current
            )
    except IntegrityError:
        raise AlreadyIssued(selectors.issued_in_force(unit=scope.unit, report=report, year=year)) from None
    links.link(document=document, obj=issued, role="report")
    audit.record_created(
        actor=actor,
        action="report.issue",
        obj=issued,
        unit_id=scope.unit.pk,
        fields=["report", "year", "document", "replaces"],
    )
    return issued


def _document_text(*, actor, report: definitions.Report, scope: selectors.Scope) -> tuple[str, str]:
    """The title and body of the report's document (the draft's and the issued one's alike), from
    the registry's figures and the stored narratives, written in Vietnamese whatever the interface's
    language."""
    with translation.override("vi"):
        data = selectors.report_data(actor=actor, report=report, scope=scope)
        period = selectors.report_period(report, scope.period.start.year)
        title = _("%(report)s %(period)s") % {"report": report.title, "period": period.label.lower()}
        return title, body_text(data)


def draft_docx(*, actor, report: definitions.Report, scope: selectors.Scope) -> bytes:
    """The Word file of the report before it is issued: the document ``report_issue`` would issue,
    rendered by the documents module marked "DỰ THẢO", without a number (``documents_bridge.
    report_draft_docx``). Writes nothing."""
    if not report.signed:
        raise ValidationError({"report": _("Báo cáo này không ban hành thành văn bản.")})
    title, body = _document_text(actor=actor, report=report, scope=scope)
    return documents_bridge.report_draft_docx(unit=scope.unit, title=title, body=body)


def issued_docx(issued: IssuedReport) -> bytes:
    """The Word file of an issued report: the register's output of its document (Decree 30)."""
    return word.document_docx(issued.document)


@dataclass(frozen=True)
class FilingSent:
    """What a filing reminder did: the ``reminder`` written (None when nothing was sent), the units
    e-mailed, those left out because every part they are behind with was already reminded for the
    year (with those parts' labels), and those without an e-mail address (named, never skipped
    silently)."""

    reminder: Reminder | None
    sent: tuple[str, ...] = ()
    already: tuple[tuple[str, tuple[str, ...]], ...] = ()
    no_address: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The answer shown to the officer (and kept by a scheduled run), one sentence a line."""
        lines = []
        if self.reminder is not None:
            lines.append(
                _("Đã gửi nhắc nhở tới %(n)s địa chỉ e-mail của %(u)s đơn vị: %(names)s.")
                % {"n": self.reminder.recipients, "u": len(self.sent), "names": ", ".join(self.sent)}
            )
        if self.already:
            named = "; ".join(f"{name} ({', '.join(parts)})" for name, parts in self.already)
            lines.append(_("Đã được nhắc trước đó, không nhắc lại: %(names)s.") % {"names": named})
        if self.no_address:
            lines.append(
                _("Chưa có địa chỉ e-mail, chưa nhắc được: %(names)s.")
                % {"names": ", ".join(self.no_address)}
            )
        return lines


@transaction.atomic
def filing_remind(*, actor, scope: selectors.Scope) -> FilingSent:
    """E-mail the officers (accounts with a role on the unit) of each grassroots union of ``scope``'s
    subtree behind with its year (``tracker.filing``), naming the parts missing. A unit is reminded of
    a part and year once (``FilingReminder``, whoever asks): the parts already reminded are left out
    of its e-mail, and a unit with nothing new is named as already reminded; a unit without an
    address is named and not recorded (it will be reminded once it has one). Refused (naming those
    units) when nothing is sent. The e-mails leave when the transaction commits."""
    from . import tracker

    policy.require(actor, MANAGE, scope.unit)
    found = tracker.filing(actor=actor, scope=scope)
    if not found.behind:
        raise ValidationError({"__all__": _("Không có đơn vị nào chậm nộp số liệu.")})
    year = scope.period.start.year
    addresses = tracker.reminder_addresses([r.unit_id for r in found.behind], today())
    subject = _("Nhắc nhập số liệu năm %(y)s") % {"y": year}
    messages, sent, already, no_address, parts_of = [], [], [], [], {}
    for row in found.behind:
        missing = [
            (p, told)
            for p, filed, told in zip(found.parts, row.filed, row.reminded, strict=True)
            if filed is False
        ]
        new = [p for p, told in missing if not told]
        if not new:
            already.append((row.name, tuple(str(p.label) for p, _told in missing)))
            continue
        if not addresses.get(row.unit_id):
            no_address.append(row.name)
            continue
        body = _(
            "%(sender)s đề nghị %(unit)s nhập đủ số liệu năm %(y)s vào hệ thống trước khi tổng hợp báo cáo.\n"
            "Các phần chưa có: %(missing)s.\nNgày nhắc: %(on)s."
        ) % {
            "sender": scope.name,
            "unit": row.name,
            "y": year,
            "missing": "; ".join(str(p.label) for p in new),
            "on": display(today()),
        }
        for email in addresses[row.unit_id]:
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
        sent.append(row.name)
        parts_of[row.unit_id] = new
    if not sent:
        lines = FilingSent(None, (), tuple(already), tuple(no_address)).lines()
        raise ValidationError({"__all__": [_("Không có đơn vị nào cần nhắc thêm."), *lines]})
    reminder = Reminder.objects.create(unit=scope.unit, year=year, recipients=len(messages), sent_by=actor)
    reminder.units.set(list(parts_of))
    try:
        with transaction.atomic():  # two officers reminding the same units at the same moment
            FilingReminder.objects.bulk_create(
                FilingReminder(reminder=reminder, unit_id=unit_id, year=year, part=p.code)
                for unit_id, new in parts_of.items()
                for p in new
            )
    except IntegrityError:
        raise ValidationError(
            {"__all__": _("Vừa có người gửi nhắc các đơn vị này; hãy tải lại trang.")}
        ) from None
    audit.record_created(
        actor=actor,
        action="filing.remind",
        obj=reminder,
        unit_id=scope.unit.pk,
        fields=["year", "recipients"],
        extra={"units": len(sent), "already": len(already), "no_address": len(no_address)},
    )
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return FilingSent(reminder, tuple(sent), tuple(already), tuple(no_address))
