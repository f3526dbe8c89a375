"""Admin for superusers. Officers manage accounts, roles and tokens through the audited pages."""

from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from congdoan.core import audit
from congdoan.core.admin import ReadOnlyAdmin
from congdoan.core.forms import CleanedForm

from .models import ApiToken, User
from .services import ACCOUNT_FIELDS, account_set_password

# What a superuser may change here beyond the officers' pages (the password only as "changed").
ADMIN_AUDITED = [*ACCOUNT_FIELDS, "is_staff", "is_superuser"]

# The request of the admin's password page being answered: Django builds its form without it.
_password_request: ContextVar = ContextVar("admin_password_request")


class ServicePasswordForm(CleanedForm, AdminPasswordChangeForm):
    """The admin's password page writes through ``services.account_set_password`` (issue 8), like
    the officers' page: the account's API tokens are revoked and its other sessions end, audited.
    A superuser setting their own password keeps the session they are using."""

    def save(self, commit=True):
        request = _password_request.get()
        usable = self.cleaned_data.get("set_usable_password", True)
        return account_set_password(
            actor=request.user,
            user=self.user,
            password=self.cleaned_data["password1"] if usable else None,
            keep_session=request.session.session_key,
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "email", "is_active", "is_superuser", "last_login")
    search_fields = ("username", "full_name", "email")
    raw_id_fields = ("home_unit",)
    change_password_form = ServicePasswordForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email", "home_unit")}),
        (
            _("Quyền hạn"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Mốc thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "email", "home_unit", "password1", "password2"),
            },
        ),
    )

    def user_change_password(self, request, id, form_url=""):
        token = _password_request.set(request)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _password_request.reset(token)

    def save_model(self, request, obj, form, change):
        """Changes made here are audited like those of the officers' pages."""
        with transaction.atomic():
            stored = User.objects.get(pk=obj.pk) if change else None
            before = audit.snapshot(stored, ADMIN_AUDITED) if stored else {}
            super().save_model(request, obj, form, change)
            after = audit.snapshot(obj, ADMIN_AUDITED)
            if stored is None or stored.password != obj.password:
                after["password_changed"] = True  # the hash never reaches the log
            audit.record(
                actor=request.user,
                action="account.admin_change",
                obj=obj,
                unit_id=obj.home_unit_id,
                before=before,
                after=after,
            )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are issued by their owner (the raw value is shown once); here they can only be read."""

    list_display = ("hint", "name", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "hint", "user__username")
    readonly_fields = ("user", "name", "key_hash", "hint", "created_at", "last_used_at", "revoked_at")
