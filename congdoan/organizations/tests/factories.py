"""Builders for tests: small trees made through the real services, so history is right."""

import datetime as dt

import factory

from congdoan.accounts.models import User
from congdoan.organizations import services
from congdoan.organizations.models import RoleAssignment, RoleKind, Unit, UnitKind

D2020 = dt.date(2020, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def superuser() -> User:
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def make_unit(
    code: str,
    name: str,
    parent: Unit | None = None,
    *,
    kind: str = "cdcs",
    on: dt.date = D2020,
    actor: User | None = None,
    **extra,
) -> Unit:
    actor = actor or User.objects.filter(is_superuser=True).first() or superuser()
    return services.unit_create(
        actor=actor,
        code=code,
        name=name,
        kind=UnitKind.objects.get(code=kind),
        parent=parent,
        valid_from=on,
        **extra,
    )


def grant(
    user: User, unit: Unit, role: str = "chu-tich", on: dt.date = D2020, until: dt.date | None = None
) -> RoleAssignment:
    """A role assignment written directly (tests of role_grant use the service)."""
    return RoleAssignment.objects.create(
        user=user,
        role=RoleKind.objects.get(code=role),
        unit=unit,
        valid_from=on,
        valid_to=until,
    )
