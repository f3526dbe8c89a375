"""Permissions of the document register.

``documents.view`` reads a unit's registers (outgoing and incoming), its documents and their
attachments; ``documents.manage`` drafts, issues, records incoming and cancels them, and sets the
unit's symbol and Word templates. Both reach the grant unit's subtree (``organizations.permissions``).
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("documents.view", _("Xem văn bản"))
MANAGE = permission("documents.manage", _("Quản lý văn bản"))


def editable(document) -> bool:
    """Whether a document's text may still change: a draft or an incoming record. An issued outgoing
    document is corrected by another document (Decree 30/2020/NĐ-CP), a cancelled one is closed.
    The service (``document_update``) and the pages (the "Sửa" button, the edit page) ask this."""
    from .models import Direction, Status

    if document.status == Status.CANCELLED:
        return False
    return not (document.direction == Direction.OUTGOING and document.status == Status.ISSUED)
