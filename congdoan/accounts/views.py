"""Pages of accounts: logging in and out, one's own profile and API tokens, the accounts of the
actor's units with their roles, and the audit log.

Views parse input, ask selectors (reads) or services (writes) and render; the services decide.
"""

import datetime as dt
import math
from collections.abc import Collection

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congdoan.core import paging
from congdoan.core.audit_display import action_choices, audit_rows
from congdoan.core.dates import display, today
from congdoan.core.errors import error_context
from congdoan.core.forms import posted, render_form, submit
from congdoan.core.guards import authenticated, public
from congdoan.organizations.permissions import guarded, policy
from congdoan.organizations.selectors import unit_names

from . import forms, lockout, selectors, services
from .permissions import (
    AUDIT_VIEW,
    MANAGE,
    VIEW,
    manageable_accounts,
    manageable_units,
    may_manage_account,
    require_account,
)

PAGE_SIZE = 50

# -- shared bits ---------------------------------------------------------------------------------


def _form_page(request, form, *, title: str, submit: str, back: str, account=None, note: str = ""):
    context = {"form": form, "title": title, "submit": submit, "back": back, "account": account, "note": note}
    return render_form(request, "accounts/form.html", context, form=form)


def _unit_id(obj) -> int | None:
    return obj.unit_id if hasattr(obj, "unit_id") else obj.home_unit_id


def _name_units(objects) -> None:
    """Give each role (by ``unit_id``) or account (by ``home_unit_id``) a ``unit_name``, in one query."""
    names = unit_names(list({_unit_id(o) for o in objects} - {None}), today())
    for o in objects:
        o.unit_name = names.get(_unit_id(o), "")


def _describe_roles(roles, managed: Collection[int] = ()) -> None:
    """For display: whether each role holds today, its last day, and whether the actor may end it."""
    now = today()
    for role in roles:
        role.is_current = role.valid_from <= now and (role.valid_to is None or now < role.valid_to)
        role.last_day = role.valid_to - dt.timedelta(days=1) if role.valid_to else None
        role.can_end = role.unit_id in managed and (role.valid_to is None or role.valid_to > now)


def _account_url(account_id: int) -> str:
    return reverse("accounts:detail", args=[account_id])


# -- logging in and out --------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True


login = public(LoginView.as_view())


def locked_out(request, *args, **kwargs):
    """The page django-axes shows after too many failed logins (``AXES_LOCKOUT_CALLABLE``).

    axes 8 calls it as ``(request, original_response, credentials)`` and older versions as
    ``(request, credentials)``; neither is needed here.
    """
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    context = {**error_context(request, 429), "title": _("Tạm khóa đăng nhập"), "icon": "shield-lock"}
    response = render(request, "accounts/locked_out.html", {**context, "minutes": minutes}, status=429)
    if seconds := lockout.retry_after(request):
        response["Retry-After"] = seconds
    return response


@authenticated
@require_POST
def logout(request):
    auth_logout(request)
    messages.info(request, _("Bạn đã đăng xuất."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@authenticated
def password_change(request):
    user = request.user
    form = forms.OwnPasswordForm(posted(request), user=user)
    if submit(
        request,
        form,
        lambda d: services.account_set_password(
            actor=user, user=user, password=d["password"], keep_session=request.session.session_key
        ),
    ):
        update_session_auth_hash(request, user)  # stay logged in with the new password
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:profile")
    return _form_page(
        request,
        form,
        title=_("Đổi mật khẩu"),
        submit=_("Đổi mật khẩu"),
        back=reverse("accounts:profile"),
    )


# -- my account: roles and API tokens ------------------------------------------------------------


def _profile_page(request, token_form, *, raw_token: str = ""):
    actor = request.user
    roles = list(selectors.account_roles(actor=actor, user=actor))
    _name_units([*roles, actor])
    _describe_roles(roles)
    context = {
        "roles": roles,
        "today": today(),
        "tokens": selectors.token_list(actor=actor),
        "token_form": token_form,
        "raw_token": raw_token,
    }
    response = render_form(request, "accounts/profile.html", context, form=token_form)
    if raw_token:
        patch_cache_control(response, no_store=True)  # the raw token must not stay in any cache
    return response


@authenticated
def profile(request):
    return _profile_page(request, forms.TokenIssueForm())


@authenticated
@require_POST
def token_issue(request):
    """Shows the new token's raw value on this answer only; it is never stored or shown again."""
    form = forms.TokenIssueForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, form)
    _token, raw = services.token_issue(actor=request.user, name=form.cleaned_data["name"])
    return _profile_page(request, forms.TokenIssueForm(), raw_token=raw)


@authenticated
def token_revoke(request, token_id: int):
    token = selectors.token_get(actor=request.user, token_id=token_id)  # 404 first, whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.token_revoke(actor=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thu hồi mã truy cập %(hint)s…") % {"hint": token.hint})
    return redirect("accounts:profile")


# -- accounts of the actor's units ---------------------------------------------------------------


@guarded(VIEW)
def account_list(request):
    actor = request.user
    form = forms.AccountFilterForm(request.GET, actor=actor)
    results = selectors.account_search(actor=actor, **form.filters())
    page = paging.page_of(results, request.GET.get("page"), PAGE_SIZE)
    accounts = list(page)
    _name_units([*accounts, *(r for a in accounts for r in a.current_roles)])
    managed = manageable_accounts(actor, accounts)
    for a in accounts:
        a.may_manage = a.pk in managed
    context = {
        "form": form,
        "page": page,
        "accounts": accounts,
        "can_manage": policy.has_anywhere(actor, MANAGE),
    }
    return render_form(request, "accounts/list.html", context, form=form)


def _detail_page(request, account, grant_form=None):
    actor = request.user
    roles = list(selectors.account_roles(actor=actor, user=account))
    _name_units([*roles, account])
    may_manage = may_manage_account(actor, account)
    managed = manageable_units(actor, {r.unit_id for r in roles}) if may_manage else set()
    _describe_roles(roles, managed)  # roles in units beyond the actor's reach are listed read-only
    if grant_form is None and may_manage and policy.has_anywhere(actor, MANAGE):
        grant_form = forms.RoleGrantForm(actor=actor)
    context = {
        "account": account,
        "roles": roles,
        "today": today(),
        "grant_form": grant_form,
        "can_edit": may_manage,
    }
    return render_form(request, "accounts/detail.html", context, form=grant_form)


@guarded(VIEW)
def account_detail(request, user_id: int):
    return _detail_page(request, selectors.account_get(actor=request.user, user_id=user_id))


@guarded(MANAGE)
def account_create(request):
    actor = request.user
    form = forms.AccountCreateForm(posted(request), actor=actor)
    account = submit(
        request,
        form,
        lambda d: services.account_create(
            actor=actor,
            username=d["username"],
            password=d["password"],
            home_unit=d["home_unit"],
            full_name=d["full_name"],
            email=d["email"],
        ),
    )
    if account:
        messages.success(request, _("Đã tạo tài khoản %(account)s.") % {"account": account.username})
        return redirect(_account_url(account.pk))
    return _form_page(
        request, form, title=_("Tạo tài khoản"), submit=_("Tạo tài khoản"), back=reverse("accounts:list")
    )


def _managed_account(request, user_id: int):
    """An account the actor may change: 404 outside their sight, 403 where they may only look."""
    account = selectors.account_get(actor=request.user, user_id=user_id)
    require_account(request.user, account)
    return account


@guarded(MANAGE)
def account_edit(request, user_id: int):
    actor = request.user
    account = _managed_account(request, user_id)
    initial = {
        "full_name": account.full_name,
        "email": account.email,
        "home_unit": account.home_unit_id,
        "is_active": account.is_active,
    }
    return _account_change(
        request,
        account,
        forms.AccountEditForm(posted(request), actor=actor, initial=initial),
        run=lambda d: services.account_update(actor=actor, user=account, **d),
        done=_("Đã lưu thông tin tài khoản %(account)s."),
        title=_("Sửa thông tin tài khoản"),
        submit_label=_("Lưu thay đổi"),
    )


@guarded(MANAGE)
def account_set_password(request, user_id: int):
    actor = request.user
    account = _managed_account(request, user_id)

    def run(d):
        keep = request.session.session_key if account.pk == actor.pk else None
        services.account_set_password(actor=actor, user=account, password=d["password"], keep_session=keep)
        if account.pk == actor.pk:
            update_session_auth_hash(request, account)
        return account

    return _account_change(
        request,
        account,
        forms.NewPasswordForm(posted(request)),
        run=run,
        done=_("Đã đặt mật khẩu mới cho %(account)s."),
        title=_("Đặt mật khẩu mới"),
        submit_label=_("Đặt mật khẩu"),
        note=_("Hãy báo mật khẩu mới cho người dùng qua kênh riêng và đề nghị họ đổi lại sau khi đăng nhập."),
    )


def _account_change(request, account, form, *, run, done, title, submit_label, note=""):
    """POST runs ``run(cleaned_data)``; success says ``done`` and returns to the account's page."""
    if submit(request, form, run):
        messages.success(request, done % {"account": account.username})
        return redirect(_account_url(account.pk))
    back = _account_url(account.pk)
    return _form_page(request, form, title=title, submit=submit_label, back=back, account=account, note=note)


@guarded(MANAGE)
def role_grant(request, user_id: int):
    actor = request.user
    account = selectors.account_get(actor=actor, user_id=user_id)
    if request.method != "POST":
        return redirect(_account_url(account.pk))
    form = forms.RoleGrantForm(request.POST, actor=actor)
    role = submit(request, form, lambda d: services.role_grant(actor=actor, user=account, **d))
    if role:
        messages.success(
            request, _("Đã cấp vai trò %(role)s cho %(account)s.") % {"role": role.role, "account": account}
        )
        return redirect(_account_url(account.pk))
    return _detail_page(request, account, form)


@guarded(MANAGE)
def role_end(request, role_id: int):
    actor = request.user
    assignment = selectors.role_get(actor=actor, role_id=role_id)
    policy.require(actor, MANAGE, assignment.unit_id)
    form = forms.RoleEndForm(posted(request))
    if submit(request, form, lambda d: services.role_end(actor=actor, assignment=assignment, on=d["on"])):
        messages.success(
            request,
            _("Vai trò %(role)s của %(account)s kết thúc từ ngày %(day)s.")
            % {"role": assignment.role, "account": assignment.user, "day": display(assignment.valid_to)},
        )
        return redirect(_account_url(assignment.user_id))
    _name_units([assignment])
    return _form_page(
        request,
        form,
        title=_("Kết thúc vai trò"),
        submit=_("Kết thúc vai trò"),
        back=_account_url(assignment.user_id),
        account=assignment.user,
        note=_("%(role)s tại %(unit)s, từ ngày %(day)s.")
        % {"role": assignment.role, "unit": assignment.unit_name, "day": display(assignment.valid_from)},
    )


# -- the audit log -------------------------------------------------------------------------------


@guarded(AUDIT_VIEW)
def audit(request):
    actor = request.user
    form = forms.AuditFilterForm(
        request.GET, actor=actor, actions=action_choices(selectors.audit_actions(actor=actor))
    )
    results = selectors.audit_search(actor=actor, **form.filters())
    # Not counted: a long log is counted only for a page number past its end.
    page = paging.window(results, request.GET.get("page"), PAGE_SIZE)
    context = {
        "form": form,
        "rows": audit_rows(page.rows, actor=actor),
        "number": page.number,
        "page": page,
    }
    return render_form(request, "accounts/audit.html", context, form=form)
