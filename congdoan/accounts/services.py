"""Writes to accounts, roles and API tokens. One transaction each, permission checked, audited."""

import datetime as dt

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congdoan.core import audit
from congdoan.core import permissions as registry
from congdoan.core.answers import Allowance, records_answers
from congdoan.core.dates import check_effective, display
from congdoan.core.text import clean_line
from congdoan.organizations.models import RoleAssignment, RoleKind, Unit
from congdoan.organizations.permissions import policy

from .models import ApiToken, User
from .permissions import MANAGE, VIEW, may_manage_account, require_account

ACCOUNT_FIELDS = ["username", "email", "full_name", "home_unit", "is_active"]
ROLE_FIELDS = ["user", "role", "unit", "valid_from", "valid_to", "granted_by"]


# Answers that an e-mail is held by an account outside the actor's sight (issue 8: no oracle of
# who has an account anywhere); limited per actor and day by ACCOUNTS_EMAIL_ANSWERS_PER_DAY.
EMAIL_ANSWERS = Allowance("account.email_taken", "ACCOUNTS_EMAIL_ANSWERS_PER_DAY")


def _email_taken(actor, email: str, holders) -> str:
    """The refusal of ``email`` held (as e-mail or as username) by ``holders``: today's words when
    the actor may see or manage one of them (or is the system, ``actor`` None); otherwise the bare
    answer (no name, no unit), counted against ``EMAIL_ANSWERS`` and logged without the address,
    or past the day's allowance the message that says so."""
    if actor is None or any(
        may_manage_account(actor, u, VIEW) or may_manage_account(actor, u) for u in holders
    ):
        return _("Email '%(v)s' đã được dùng cho tài khoản khác.") % {"v": email}
    if EMAIL_ANSWERS.answer(actor, field="email"):
        return _("Email này đã được dùng cho một tài khoản khác; liên hệ công đoàn cấp trên để kiểm tra.")
    return _(
        "Bạn đã nhận đủ %(n)s lần trả lời trong ngày về email của tài khoản ngoài phạm vi quản lý; "
        "hãy thử lại vào ngày mai hoặc liên hệ công đoàn cấp trên."
    ) % {"n": EMAIL_ANSWERS.daily_limit()}


def _clean_identity(actor, username: str, email: str, exclude_pk: int | None = None) -> tuple[str, str]:
    username = clean_line(username or "")
    email = clean_line(email or "").lower()
    if not username:
        raise ValidationError({"username": _("Trường này là bắt buộc.")})
    others = User.objects.exclude(pk=exclude_pk) if exclude_pk else User.objects.all()
    if others.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập '%(v)s' đã được dùng.") % {"v": username}})
    holders = list(others.filter(Q(email__iexact=email) | Q(username__iexact=email))) if email else []
    if holders:
        raise ValidationError({"email": _email_taken(actor, email, holders)})
    return username, email


@records_answers
@transaction.atomic
def account_create(
    *,
    actor,
    username: str,
    password: str,
    home_unit: Unit | None,
    full_name: str = "",
    email: str = "",
) -> User:
    """A new account managed from ``home_unit``.

    Errors by field: ``username`` empty, not of ``accounts.models.UsernameValidator``'s letters, or
    taken regardless of case; ``email`` taken (as ``_email_taken`` words it for ``actor``);
    ``password`` refused by the validators; ``home_unit`` missing (only superusers create
    unattached accounts). 404/403 outside the reach of ``accounts.manage``.
    """
    if home_unit is None:
        if not policy.is_unrestricted(actor):
            raise ValidationError({"home_unit": _("Hãy chọn đơn vị quản lý tài khoản.")})
    else:
        policy.require(actor, MANAGE, home_unit)
    username, email = _clean_identity(actor, username, email)
    try:
        User.username_validator(username)  # a–z, digits, . _ - @ (accounts created earlier keep theirs)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from exc
    user = User(username=username, email=email, full_name=clean_line(full_name or ""), home_unit=home_unit)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    audit.record_created(
        actor=actor, action="account.create", obj=user, unit_id=user.home_unit_id, fields=ACCOUNT_FIELDS
    )
    return user


@records_answers
@transaction.atomic
def account_update(*, actor, user: User, **changes) -> User:
    """Change name, email, active flag or home unit of an account the actor may manage
    (``require_account``: its home unit and every unit of its current or future roles)."""
    allowed = {"full_name", "email", "is_active", "home_unit"}
    if set(changes) - allowed:
        raise ValueError(f"not editable here: {sorted(set(changes) - allowed)}")
    require_account(actor, user)
    if "home_unit" in changes and changes["home_unit"] is not None:
        policy.require(actor, MANAGE, changes["home_unit"])
    if changes.get("is_active") is False and user.pk == actor.pk:
        raise ValidationError({"is_active": _("Bạn không thể tự khóa tài khoản của mình.")})
    if "email" in changes:
        changes["email"] = _clean_identity(actor, user.username, changes["email"], exclude_pk=user.pk)[1]
    audit.record_change(
        actor=actor,
        action="account.update",
        obj=user,
        unit_id=user.home_unit_id,
        changes={
            key: clean_line(value) if isinstance(value, str) else value for key, value in changes.items()
        },
    )
    return user


@transaction.atomic
def account_set_password(*, actor, user: User, password: str | None, keep_session: str | None = None) -> User:
    """An officer resets the password of an account they manage (or a user changes their own, or a
    superuser sets it on the admin's password page). ``password=None`` turns password login off
    (the admin's "disable password-based authentication").

    A new password shuts every other door the old one opened (issue 8): the account's usable API
    tokens are revoked (one ``token.revoke`` audit row each) and its sessions end, all but
    ``keep_session`` (the session key of a user changing their own password). Errors:
    ``{"password": [...]}`` from the password validators; 404/403 from ``require_account``.
    """
    if user.pk != actor.pk:
        require_account(actor, user)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    user.save(update_fields=["password"])
    # The hash is never written to the audit: only the fact that it changed.
    audit.record(
        actor=actor,
        action="account.set_password",
        obj=user,
        unit_id=user.home_unit_id,
        before={"password": "…"},
        after={"password": _("đã đổi") if password is not None else _("đã tắt đăng nhập bằng mật khẩu")},
    )
    for token in ApiToken.objects.usable().filter(user=user).select_related("user"):
        _revoke(actor, token)
    end_sessions(user, keep=keep_session)
    return user


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """Delete the stored sessions logged in as ``user`` except ``keep``; return how many.

    Sessions are stored by key only, so the unexpired ones are read and decoded (a few thousand
    rows at most with an 8-hour session age). Django's session hash would also refuse them at
    their next request; deleting them does not depend on the hasher or on ``SECRET_KEY_FALLBACKS``.
    """
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(pk=keep).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def role_grant(
    *,
    actor,
    user: User,
    role: RoleKind,
    unit: Unit,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role on ``unit``. Never wider than the grantor's own permissions there.

    Needs ``accounts.manage`` on ``unit`` and over the whole account (``require_account``: its home
    unit and every unit of its current or future roles). ``valid_from`` is an effective date: inside
    ``core.dates.check_effective``'s window and the unit's lifetime."""
    policy.require_dated(actor, MANAGE, unit, valid_from)
    require_account(actor, user)
    check_effective(valid_from, field="valid_from")
    unknown = {p for p in role.permissions if not registry.is_declared(p)}
    if unknown:
        raise ValidationError(
            {"role": _("Vai trò có quyền không xác định: %(p)s.") % {"p": ", ".join(sorted(unknown))}}
        )
    missing = set(role.permissions) - policy.permissions_on(actor, unit, valid_from)
    if missing:
        raise ValidationError(
            {
                "role": _("Không thể cấp vai trò rộng hơn quyền của chính bạn tại đơn vị này (thiếu: %(p)s).")
                % {"p": ", ".join(sorted(missing))}
            }
        )
    if valid_to is not None and valid_to <= valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if not unit.exists_on(valid_from):
        raise ValidationError(
            {
                "unit": _("Đơn vị %(u)s không có hiệu lực vào ngày %(d)s.")
                % {"u": unit, "d": display(valid_from)}
            }
        )
    overlapping = RoleAssignment.objects.filter(user=user, role=role, unit=unit).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from)
    )
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lt=valid_to)
    if overlapping.exists():
        raise ValidationError(
            {"valid_from": _("Tài khoản đã giữ vai trò này tại đơn vị này trong khoảng thời gian đã chọn.")}
        )
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=actor,
    )
    audit.record_created(
        actor=actor, action="role.grant", obj=assignment, unit_id=unit.pk, fields=ROLE_FIELDS
    )
    return assignment


@transaction.atomic
def role_end(*, actor, assignment: RoleAssignment, on: dt.date) -> RoleAssignment:
    """End a role from ``on`` (the last day held is the day before). History is kept.

    Needs ``accounts.manage`` on the role's unit and over the whole account (``require_account``);
    ``on`` inside ``core.dates.check_effective``'s window."""
    policy.require_dated(actor, MANAGE, assignment.unit_id, on)
    require_account(actor, assignment.user)
    check_effective(on)
    if on <= assignment.valid_from:
        raise ValidationError(
            {"on": _("Ngày kết thúc phải sau ngày bắt đầu (%(d)s).") % {"d": display(assignment.valid_from)}}
        )
    if assignment.valid_to is not None and assignment.valid_to <= on:
        raise ValidationError({"on": _("Vai trò đã kết thúc trước ngày này.")})
    audit.record_change(
        actor=actor, action="role.end", obj=assignment, unit_id=assignment.unit_id, changes={"valid_to": on}
    )
    return assignment


@transaction.atomic
def token_issue(*, actor, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for the actor; the raw value is returned once and never stored."""
    token, raw = ApiToken.issue(actor, clean_line(name or "")[:100])
    audit.record(
        actor=actor,
        action="token.issue",
        obj=token,
        unit_id=actor.home_unit_id,
        after={"name": token.name, "hint": token.hint},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        require_account(actor, token.user)
    if token.revoked_at is not None:
        raise ValidationError(_("Mã truy cập này đã bị thu hồi."))
    return _revoke(actor, token)


def _revoke(actor, token: ApiToken) -> ApiToken:
    token.revoke()
    audit.record(
        actor=actor,
        action="token.revoke",
        obj=token,
        unit_id=token.user.home_unit_id,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at.isoformat()},
    )
    return token
