import unicodedata

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from congdoan.core.text import clean_line

from .models import User


def find_login(login: str) -> User | None:
    """The account a typed login names (username or email, any case, cleaned as every input is:
    spaces around, zero-width and control characters, NUL included, ignored; full-width letters as
    Django's own username field reads them, NFKC), or None."""
    login = unicodedata.normalize("NFKC", clean_line(login or ""))
    if not login:
        return None
    return User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login)).order_by("id").first()


class UsernameOrEmailBackend(ModelBackend):
    """Officers log in with their username or their email address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        user = find_login(username)
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing hint of who exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
