"""The one place where plans meets the document register (``congdoan.documents``): which documents may
carry a programme or a mission, issuing the mission's report, links from documents to records, and
the Word file of a document."""

import datetime as dt

from django.utils.translation import gettext as _

from congdoan.documents import issuing, links, word
from congdoan.documents import services as documents
from congdoan.documents.models import Document, DocumentKind, Status

AlreadyIssued = issuing.AlreadyIssued  # the issue-once rule's refusal (``documents.issuing``)
in_force = issuing.in_force

REPORT_KIND = "bao-cao"  # DocumentKind code of a báo cáo (BC)
PLAN_KIND = "ke-hoach"  # a mission works under a kế hoạch (KH), e.g. 92/KH-CĐVC of seed 000


def unusable(document: Document | None, kind: str | None = None) -> str | None:
    """Why a document cannot carry a programme or a mission (a draft has no number yet; a mission's
    plan must be a kế hoạch: ``kind``), or None."""
    if document is None:
        return _("chưa chọn văn bản.")
    if kind is not None and document.kind.code != kind:
        return _("văn bản %(n)s không phải là %(kind)s.") % {
            "n": document.number_symbol or document.title,
            "kind": DocumentKind.objects.get(code=kind).name.lower(),
        }
    if document.status == Status.DRAFT:
        return _("văn bản %(title)s chưa ban hành (chưa có số).") % {"title": document.title}
    if document.status == Status.CANCELLED:
        return _("văn bản %(n)s đã bị hủy.") % {"n": document.number_symbol}
    return None


def link(document: Document, record, role: str) -> None:
    """Record in the register that ``document`` concerns ``record`` (as its ``role``)."""
    links.link(document=document, obj=record, role=role)


def relink(old: Document, new: Document, record, role: str) -> None:
    """``record``'s ``role`` passes from ``old`` to ``new`` (a programme's signing document replaced)."""
    links.unlink(document=old, obj=record, role=role)
    links.link(document=new, obj=record, role=role)


def issue_report(
    *,
    actor,
    unit,
    title: str,
    body: str,
    signed_on: dt.date,
    signer_name: str,
    signer_position: str,
    place: str = "",
    recipients: str = "",
    number: int | None = None,
    current: Document | None = None,
) -> Document:
    """A báo cáo of ``unit``, drafted and issued through the register's services (next number, or
    ``number`` for a report issued before the register was kept), under the issue-once rule
    (``documents.issuing``): ``current`` is the last report issued for the same subject and period
    (None: the first issue). While it stands ``AlreadyIssued`` is raised; once it is cancelled the new
    report replaces it and its body opens by saying so."""
    replaced = issuing.replaced_by_new_issue(current)
    draft = documents.document_create(
        actor=actor,
        unit=unit,
        kind=DocumentKind.objects.get(code=REPORT_KIND),
        title=title,
        body=issuing.replacing(body, replaced),
        signed_on=signed_on,
        signer_name=signer_name,
        signer_position=signer_position,
        place=place,
        recipients=recipients,
        signing_authority="TM. BAN THƯỜNG VỤ",  # the document's own words, not the interface's
    )
    return documents.document_issue(actor=actor, document=draft, signed_on=signed_on, number=number)


def report_draft_docx(
    *,
    unit,
    title: str,
    body: str,
    signer_name: str = "",
    signer_position: str = "",
    place: str = "",
    recipients: str = "",
) -> bytes:
    """The Word file of a báo cáo of ``unit`` before it is issued: the document ``issue_report``
    would draft, rendered by the register (``word.document_docx``) without being stored, marked
    "DỰ THẢO", without a number or a date. Writes nothing."""
    draft = Document(
        unit=unit,
        kind=DocumentKind.objects.get(code=REPORT_KIND),
        title=title,
        body=body,
        signer_name=signer_name,
        signer_position=signer_position,
        place=place,
        recipients=recipients,
        signing_authority="TM. BAN THƯỜNG VỤ",
    )
    return word.document_docx(draft, draft=True)


def document_docx(document: Document) -> bytes:
    """The register's Word output of ``document`` (Decree 30 layout)."""
    return word.document_docx(document)
