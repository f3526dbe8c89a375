"""Forms of the accounts pages: login, passwords, accounts, roles, tokens and the audit filter.

Field names are the keys of the services' ValidationErrors, so a service error lands on its field.
Unit pickers (``UnitPickerField``: searched, fetched on demand) offer only the units the actor may use;
the services check again.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import CleanedForm, DateField
from congdoan.core.forms import StyledForm as BaseStyledForm
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.models import RoleKind
from congdoan.organizations.permissions import policy

from .models import User
from .selectors import account_search

OUT_OF_SCOPE = _("Đơn vị này không thuộc phạm vi bạn quản lý; hãy chọn một đơn vị trong danh sách.")
TOO_LONG = _("Tối đa %(limit_value)d ký tự (hiện có %(show_value)d).")


class StyledForm(BaseStyledForm):
    """A form whose actor-dependent fields are added by ``setup()``, then styled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup()
        for field in self.fields.values():
            field.error_messages.setdefault("max_length", TOO_LONG)
        self.style()

    def setup(self) -> None:
        """Add the fields that depend on the actor."""


def _date_field(label, **kwargs) -> DateField:
    return DateField(label=label, **kwargs)


def _home_unit_field(actor) -> UnitPickerField:
    """The units whose accounts the actor manages (searched, never listed whole); only a superuser
    may leave an account unattached."""
    unrestricted = policy.is_unrestricted(actor)
    extra = {"empty_label": _("(không thuộc đơn vị nào — chỉ quản trị hệ thống)")} if unrestricted else {}
    return UnitPickerField(
        perm="accounts.manage",
        actor=actor,
        label=_("Đơn vị quản lý tài khoản"),
        required=not unrestricted,
        **extra,
        error_messages={"out_of_reach": OUT_OF_SCOPE, "required": _("Hãy chọn đơn vị quản lý tài khoản.")},
        help_text=_("Cán bộ có quyền quản lý tài khoản tại đơn vị này (và cấp trên) quản lý tài khoản."),
    )


# -- logging in and passwords --------------------------------------------------------------------


class LoginForm(CleanedForm, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập (hoặc email) hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("Tên đăng nhập hoặc email")
        username.max_length = 254  # an email may be longer than a username
        username.widget.attrs.update({"maxlength": 254, "autocomplete": "username", "class": "form-control"})
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].widget.attrs["class"] = "form-control"
        for field in self.fields.values():
            field.error_messages["required"] = _("Hãy nhập %(label)s.") % {"label": str(field.label).lower()}


class NewPasswordForm(StyledForm):
    """A new password typed twice; the service checks its strength and names ``password``."""

    password = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không toàn chữ số, không quá giống tên đăng nhập."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password(self):
        """Length first, in our words: Django 5.2's Vietnamese catalogue lacks its new message for it.
        The service checks every other rule."""
        value = self.cleaned_data["password"]
        shortest = max(
            (
                v.min_length
                for v in get_default_password_validators()
                if isinstance(v, MinimumLengthValidator)
            ),
            default=0,
        )
        if len(value) < shortest:
            raise ValidationError(_("Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.") % {"n": shortest})
        return value

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", _("Hai lần nhập mật khẩu mới không khớp nhau."))
        return data


class OwnPasswordForm(NewPasswordForm):
    """Changing one's own password needs the current one."""

    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["old_password", "password", "password2"]

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise ValidationError(_("Mật khẩu hiện tại không đúng."))
        return value


# -- accounts ------------------------------------------------------------------------------------


class AccountFilterForm(StyledForm):
    q = forms.CharField(label=_("Tìm theo tên, tên đăng nhập, email"), required=False, max_length=100)

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self.fields["unit"] = UnitPickerField(
            perm="accounts.view",
            actor=self.actor,
            required=False,
            label=_("Đơn vị quản lý tài khoản"),
            error_messages={"out_of_reach": OUT_OF_SCOPE},
        )

    def filters(self) -> dict:
        """The valid filters, for ``selectors.account_search``; invalid ones are left out."""
        self.is_valid()
        unit = self.cleaned_data.get("unit")
        return {"q": self.cleaned_data.get("q", ""), "unit_id": unit.pk if unit else None}


class AccountForm(StyledForm):
    """Fields shared by creating and editing an account."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Địa chỉ email không hợp lệ.")},
        help_text=_("Có thể dùng để đăng nhập thay cho tên đăng nhập."),
    )

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self.fields["home_unit"] = _home_unit_field(self.actor)


class AccountCreateForm(AccountForm, NewPasswordForm):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=User._meta.get_field("username").help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    field_order = ["username", "full_name", "email", "home_unit", "password", "password2"]

    def setup(self) -> None:
        super().setup()
        self.order_fields(self.field_order)


class AccountEditForm(AccountForm):
    is_active = forms.BooleanField(
        label=_("Đang hoạt động (bỏ chọn để khóa tài khoản)"),
        required=False,
    )

    def setup(self) -> None:
        super().setup()
        self.order_fields(["full_name", "email", "home_unit", "is_active"])


# -- roles ---------------------------------------------------------------------------------------


class RoleGrantForm(StyledForm):
    role = forms.ModelChoiceField(RoleKind.objects.all(), label=_("Vai trò"))
    valid_from = _date_field(_("Hiệu lực từ ngày"))
    valid_to = _date_field(
        _("Đến ngày (không gồm)"),
        required=False,
        help_text=_("Để trống nếu chưa biết ngày kết thúc. Vai trò hết hiệu lực từ ngày này."),
    )

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = today()

    def setup(self) -> None:
        self.fields["unit"] = UnitPickerField(
            perm="accounts.manage",
            actor=self.actor,
            label=_("Tại đơn vị"),
            error_messages={"out_of_reach": OUT_OF_SCOPE},
            help_text=_("Vai trò có hiệu lực ở đơn vị này và mọi đơn vị trực thuộc."),
        )
        self.order_fields(["role", "unit", "valid_from", "valid_to"])


class RoleEndForm(StyledForm):
    on = _date_field(
        _("Kết thúc từ ngày"),
        help_text=_("Ngày đầu tiên không còn giữ vai trò; lịch sử được giữ lại."),
    )

    def setup(self) -> None:
        self.fields["on"].initial = today()


# -- API tokens and the audit log ----------------------------------------------------------------


class TokenIssueForm(StyledForm):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: 'Excel báo cáo tháng' — để nhận ra mã khi cần thu hồi."),
    )


class AuditFilterForm(StyledForm):
    action = forms.ChoiceField(label=_("Thao tác"), required=False)
    date_from = DateField(label=_("Từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, actor, actions: list[tuple[str, str]], **kwargs):
        self.actor, self.actions = actor, actions
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self.fields["actor"] = forms.ModelChoiceField(
            # Only accounts the actor may see; their current roles are not needed here.
            account_search(actor=self.actor).prefetch_related(None),
            label=_("Người thực hiện"),
            required=False,
            empty_label=_("Tất cả"),
            error_messages={"invalid_choice": _("Tài khoản này không thuộc phạm vi bạn xem được.")},
        )
        self.fields["action"].choices = [("", _("Tất cả")), *self.actions]
        self.order_fields(["actor", "action", "date_from", "date_to"])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("'Đến ngày' phải sau hoặc bằng 'Từ ngày'."))
        return data

    def filters(self) -> dict:
        """The valid filters, for ``selectors.audit_search``; invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data  # fields with errors are not in it
        actor = data.get("actor")
        return {
            "actor_id": actor.pk if actor else None,
            "action": data.get("action", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
