import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.core import fields
from congdoan.core.models import optional_link
from congdoan.organizations.models import Unit


class UsernameValidator(RegexValidator):
    """A username is typed on any keyboard and read aloud over the phone: Latin letters a–z (either
    case, no diacritics), digits and ``. _ - @``, no spaces. Unique regardless of case
    (``user_username_unique_ci``)."""

    regex = r"^[A-Za-z0-9._@-]+\Z"
    message = _(
        "Tên đăng nhập chỉ gồm chữ cái a–z không dấu, chữ số và các dấu . _ - @, không có khoảng trắng."
    )
    flags = 0


class User(AbstractUser):
    """An officer's account. ``home_unit`` is the unit that manages the account itself."""

    username_validator = UsernameValidator()
    username = fields.CharField(
        _("Tên đăng nhập"),
        max_length=150,
        unique=True,
        help_text=_("Chữ cái a–z không dấu, chữ số và . _ - @; không đổi được về sau."),
        validators=[username_validator],
        error_messages={"unique": _("Tên đăng nhập này đã được dùng.")},
    )

    full_name = fields.CharField(_("họ và tên"), max_length=150, blank=True)
    # AbstractUser's own text fields, as core.fields (same columns: no migration); the password
    # (a hash) is the one text field never cleaned.
    first_name = fields.CharField(_("first name"), max_length=150, blank=True)
    last_name = fields.CharField(_("last name"), max_length=150, blank=True)
    email = fields.EmailField(_("email address"), blank=True)
    home_unit = optional_link(Unit, _("đơn vị quản lý tài khoản"), related_name="accounts")

    objects = UserManager()

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_unique_ci"),
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                condition=~models.Q(email=""),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the raw token is shown once."""

    PREFIX = "cd_"

    user = models.ForeignKey(
        User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="tokens"
    )
    name = fields.CharField(_("tên gợi nhớ"), max_length=100, blank=True)
    key_hash = fields.CharField(max_length=64, unique=True, editable=False)
    hint = fields.CharField(_("đầu mã"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple["ApiToken", str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash(raw), hint=raw[:10])
        return token, raw

    @classmethod
    def lookup(cls, raw: str) -> "ApiToken | None":
        return cls.objects.usable().select_related("user").filter(key_hash=_hash(raw)).first()

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
