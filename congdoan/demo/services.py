"""Load the demo organisation through the real services, so history and the audit log are real."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congdoan.accounts.models import User
from congdoan.accounts.services import ACCOUNT_FIELDS, account_create, role_grant
from congdoan.core import audit
from congdoan.core.dates import today
from congdoan.organizations.models import RoleAssignment, RoleKind, Unit, UnitKind
from congdoan.organizations.services import unit_create, unit_merge

from . import data
from .awards import load_awards
from .emulation import load_emulation
from .funds import load_funds
from .initiatives import load_initiatives
from .meetings import load_meetings
from .members import load_members
from .portal import load_portal
from .reports import load_reports
from .survey import load_survey, survey_loaded
from .welfare import load_welfare


@dataclass(frozen=True)
class Login:
    username: str
    full_name: str
    holds: str  # what the account may do, e.g. "Chủ tịch — Công đoàn Sở Khoa học và Công nghệ"
    created: bool  # False: the account already existed and was left untouched (password included)


@dataclass(frozen=True)
class DemoSummary:
    state: (
        str  # "created"; "present": the demo was already loaded; "survey_added": it was, without seed 000's
    )
    # survey, which is now added; "not_empty": other units exist
    units: int
    logins: list[Login]
    members: int = 0
    conferences: int = 0  # conferences recorded by this run (also when the rest was present)

    @property
    def created(self) -> bool:
        return self.state == "created"


def _logins(created: set[str]) -> list[Login]:
    """The demo accounts with the roles they hold today (after the mergers, on the survivors)."""
    usernames = [o.username for o in (data.ADMIN, *data.OFFICERS)]
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    roles: dict[int, list[str]] = {}
    for role in RoleAssignment.objects.active(today()).filter(user__in=users.values()).select_related("role"):
        roles.setdefault(role.user_id, []).append(f"{role.role.name} — {role.unit}")
    return [
        Login(
            user.username,
            user.full_name,
            "; ".join(roles.get(user.pk, [])) or ("Toàn quyền (superuser)" if user.is_superuser else "—"),
            user.username in created,
        )
        for user in (users[name] for name in usernames if name in users)
    ]


def _admin(password: str) -> tuple[User, bool]:
    """The superuser every other write is made by. Nobody can create the first one through a
    service (there is no actor yet), so it is created directly and audited as a system action."""
    user = User.objects.filter(username__iexact=data.ADMIN.username).first()
    if user is not None:
        if not user.is_superuser:
            raise ValidationError(
                {"username": _("Tài khoản 'admin' đã có nhưng không phải quản trị hệ thống.")}
            )
        return user, False
    user = User.objects.create_superuser(
        username=data.ADMIN.username,
        email=data.email_of(data.ADMIN.username),
        password=password,
        full_name=data.ADMIN.full_name,
    )
    audit.record(
        actor=None,
        action="account.create",
        obj=user,
        unit_id=None,
        after=audit.snapshot(user, [*ACCOUNT_FIELDS, "is_superuser"]),
    )
    return user, True


def _create_tree(
    actor: User, node: data.Node, parent: Unit | None, kinds: dict, units: dict[str, Unit]
) -> None:
    units[node.code] = unit_create(
        actor=actor,
        code=node.code,
        name=node.name,
        short_name=node.short_name,
        kind=kinds[node.kind],
        parent=parent,
        valid_from=data.FOUNDED,
        guidance_parent=units[node.guided_by] if node.guided_by else None,
        note=node.note,
    )
    for child in node.children:
        _create_tree(actor, child, units[node.code], kinds, units)


def _create_officer(actor: User, officer: data.Officer, password: str, unit: Unit) -> bool:
    """Account and role through the services. An existing username is left alone (returns False)."""
    if User.objects.filter(username__iexact=officer.username).exists():
        return False
    fields = {
        "actor": actor,
        "username": officer.username,
        "home_unit": unit,
        "full_name": officer.full_name,
        "email": data.email_of(officer.username),
    }
    try:
        user = account_create(password=password, **fields)
    except ValidationError as exc:
        if "password" not in exc.message_dict:
            raise
        # The password validators guard officers' real accounts; a demo password (DEMO_PASSWORD)
        # may be deliberately weak. Create the account through the service with a strong throwaway
        # password, so the audit entry is real, then set the demo password directly.
        user = account_create(password=secrets.token_urlsafe(24), **fields)
        user.set_password(password)
        user.save(update_fields=["password"])
    role_grant(
        actor=actor,
        user=user,
        role=RoleKind.objects.get(code=officer.role),
        unit=unit,
        valid_from=data.TERM_START,
    )
    return True


def _add_survey(password: str) -> set[str] | None:
    """Seed 000's records (and the login of the mission's head) on a demo loaded before they existed:
    the usernames created; None (nothing written) when they are there already."""
    if survey_loaded():
        return None
    admin = User.objects.get(username__iexact=data.ADMIN.username, is_superuser=True)
    units = {unit.code: unit for unit in Unit.objects.all()}
    head = next(o for o in data.OFFICERS if o.username == data.SURVEY_HEAD.account)
    created = {head.username} if _create_officer(admin, head, password, units[head.unit]) else set()
    load_survey(admin=admin, units=units)
    return created


@transaction.atomic
def load_demo(*, password: str, if_empty: bool = False) -> DemoSummary:
    """Build the demo tree, officers, members and 2025 mergers. Writes nothing when the demo root already
    exists, nor (``if_empty``) when the database holds any unit at all."""
    if Unit.objects.filter(code=data.ROOT.code).exists():
        # Modules added since the demo was loaded fill in their part (each loader writes only what is missing).
        added = _add_survey(password)
        state = "present" if added is None else "survey_added"
        admin = User.objects.filter(username__iexact=data.ADMIN.username, is_superuser=True).first()
        conferences = 0
        if admin is not None:
            conferences = load_meetings(admin=admin)
            load_emulation(admin=admin)
            load_initiatives(admin=admin)
            load_funds(admin=admin)
            load_welfare(admin=admin)
            load_awards(admin=admin)
            load_reports(admin=admin)
            load_portal(admin=admin)
        return DemoSummary(state=state, units=0, logins=_logins(added or set()), conferences=conferences)
    if if_empty and Unit.objects.exists():
        return DemoSummary(state="not_empty", units=0, logins=[])
    admin, admin_created = _admin(password)
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    units: dict[str, Unit] = {}
    _create_tree(admin, data.ROOT, None, kinds, units)
    # Roles are granted before the mergers, so the mergers carry them over to the survivors.
    created = {data.ADMIN.username} if admin_created else set()
    for officer in data.OFFICERS:
        if _create_officer(admin, officer, password, units[officer.unit]):
            created.add(officer.username)
    # Members too, so the mergers carry them under the survivors (and their history keeps the old tree).
    members = load_members(admin=admin, units=units)
    load_survey(admin=admin, units=units)
    for survivor, merged in data.MERGERS:
        unit_merge(actor=admin, survivor=units[survivor], merged=[units[merged]], on=data.MERGED_ON)
    conferences = load_meetings(admin=admin, units=units)
    load_emulation(admin=admin)
    load_initiatives(admin=admin)
    load_funds(admin=admin)
    load_welfare(admin=admin)
    load_awards(admin=admin)
    load_reports(admin=admin)
    load_portal(admin=admin)
    return DemoSummary(
        state="created", units=len(units), logins=_logins(created), members=members, conferences=conferences
    )
