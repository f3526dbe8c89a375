"""Permissions of the news portal (``portal.*``); default grants in migration 0003.

- ``portal.view``: read the unit's articles in every state (officers' pages);
- ``portal.write``: write drafts and send them for review;
- ``portal.publish``: publish, return with a reason, unpublish, schedule, record an article of the
  unit's former website with its original date.

Public pages need none of these: they read only published articles (``selectors.public_articles``).
"""

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission
from congdoan.organizations.permissions import policy

VIEW = permission("portal.view", _("Xem bài viết của trang tin"))
WRITE = permission("portal.write", _("Viết bài cho trang tin"))
PUBLISH = permission("portal.publish", _("Duyệt, đăng và gỡ bài trên trang tin"))

# Each workflow step and the permission on the article's unit it needs.
STEP_PERMISSION = {
    "submit": WRITE,
    "publish": PUBLISH,
    "send_back": PUBLISH,
    "unpublish": PUBLISH,
    "reopen": WRITE,
}


def may_step(actor, article, step) -> bool:
    """The workflow's object rule: the step's permission on the article's unit today."""
    return policy.can(actor, STEP_PERMISSION[step.name], article.unit_id)


def may_edit(actor, article) -> bool:
    """A draft or a returned article is edited by whoever writes for its unit."""
    return article.editable and policy.can(actor, WRITE, article.unit_id)
