"""The issue-once rule of the reports written from records (a unit's year-end report in ``reports``, a
mission's report in ``plans``): one rule for both, below both in the dependency order.

A report of one subject and period (a unit and year; a mission) is issued once, as a numbered document
of the register; its text is that document's body, frozen from then on — reading it later reads the
document, not the records as they have become. A second issue is refused while the document in force
stands (``AlreadyIssued``, naming it). To correct it, the officer cancels that document in the register
(``services.document_cancel``, with its reason; the number stays with it) and issues again: the new
document gets the next number and its text opens by naming the one it replaces (``replacing``). Each
issue is one audit row of the caller's service. Source: Decree 30/2020/NĐ-CP on office documents (an
issued document is corrected or replaced by another document, not rewritten)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from congdoan.core.dates import display

from .models import Document, Status


class AlreadyIssued(ValidationError):
    """The report stands already (``document``, not cancelled): a second number is refused. The
    message names the document and says how to correct it."""

    def __init__(self, document: Document | None):
        self.document = document
        if document is None:  # lost a race to an issue not visible yet
            message = _("Báo cáo này vừa được ban hành. Tải lại trang để xem số văn bản.")
        else:
            message = _(
                "Báo cáo này đã được ban hành: văn bản số %(n)s ngày %(d)s. Mỗi báo cáo của một đơn vị "
                "trong một kỳ chỉ được cấp một số; muốn sửa, hãy hủy văn bản đó trong sổ văn bản rồi ban "
                "hành lại (văn bản mới thay thế văn bản đã hủy)."
            ) % {"n": document.number_symbol, "d": display(document.signed_on)}
        super().__init__({"__all__": message})


def in_force(document: Document | None) -> bool:
    """Whether ``document`` (the last issued report of its subject and period, or None) stands."""
    return document is not None and document.status != Status.CANCELLED


def replaced_by_new_issue(current: Document | None) -> Document | None:
    """The document a new issue replaces: None when nothing was issued, the cancelled one otherwise.
    Raises ``AlreadyIssued`` while ``current`` stands."""
    if in_force(current):
        raise AlreadyIssued(current)
    return current


def replacing(body: str, replaced: Document | None) -> str:
    """The body of a new issue: it opens by naming the cancelled report it replaces (if any)."""
    if replaced is None:
        return body
    note = _("Báo cáo này thay thế báo cáo số %(n)s ngày %(d)s (đã hủy).") % {
        "n": replaced.number_symbol,
        "d": display(replaced.signed_on),
    }
    return f"{note}\n{body}"
