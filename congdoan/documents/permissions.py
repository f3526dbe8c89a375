"""Permissions of the document register.

``documents.view`` reads a unit's registers (outgoing and incoming), its documents and their
attachments; ``documents.manage`` drafts, issues, records incoming and cancels them, and sets the
unit's symbol and Word templates. Both reach the grant unit's subtree (``organizations.permissions``).
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission

VIEW = permission("documents.view", _("Xem văn bản"))
MANAGE = permission("documents.manage", _("Quản lý văn bản"))
