"""The platform's promises to every module: declared permissions, labelled audit actions, registered
plug-ins, core knowing no app, modules of a readable size."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from congdoan.core import audit, permissions, plugins
from congdoan.core.permissions import UnknownPermission
from congdoan.organizations.models import RoleKind
from congdoan.organizations.permissions import guarded, policy

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "congdoan"
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Calls whose string arguments are permission codes.
PERMISSION_CALLS = {
    "guarded", "api_guard", "can", "require", "require_anywhere", "has_anywhere", "reach",
    "scope_q", "scope_paths", "visible_units", "grant_unit_ids", "units_for_choice", "member_units",
    "units", "unit_versions", "unit_get", "may_manage_account",
    "require_account", "members_in_scope",
}  # fmt: skip


def product_files(suffix=".py"):
    for path in sorted(PACKAGE.rglob(f"*{suffix}")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def permission_codes_used() -> set[tuple[str, str]]:
    """(file, code) for every string literal passed as a permission to the policy, a guard, a
    picker or a plug-in, and every ``perm=`` keyword."""
    found = set()
    for path in [*product_files(), *(ROOT / "config").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg in ("perm", "permission")]
            if _name(node.func) in PERMISSION_CALLS:
                values += node.args
            for value in values:
                if (
                    isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                    and CODE.match(value.value)
                ):
                    found.add((str(path.relative_to(ROOT)), value.value))
    return found


def test_every_permission_code_in_the_code_is_declared_and_labelled():
    used = permission_codes_used()
    unknown = sorted((f, c) for f, c in used if not permissions.is_declared(c))
    assert not unknown, f"undeclared permission codes: {unknown}"
    for code, info in permissions.declared().items():
        assert str(info.label).strip() and str(info.label) != code, code


def test_the_scan_finds_codes():
    """The scan above would pass on nothing: it must see the literal codes still in the code base."""
    assert {c for _, c in permission_codes_used()} >= {"members.manage", "units.view"}


def test_role_kinds_hold_only_declared_permissions(db):
    for role in RoleKind.objects.all():
        assert role.permissions, role.code
        assert all(permissions.is_declared(p) for p in role.permissions), role.code


def test_each_app_grants_its_own_defaults(db):
    chair = RoleKind.objects.get(code="chu-tich")
    assert set(chair.permissions) == set(permissions.declared())
    viewer = RoleKind.objects.get(code="can-bo-van-phong")
    assert set(viewer.permissions) == {
        "units.view",
        "members.view",
        "documents.view",
        "plans.view",
        "meetings.view",
        "emulation.view",
        "initiatives.view",
        "reports.view",
        "funds.view",
        "welfare.view",
        "portal.view",
        "awards.view",
    }


@pytest.mark.parametrize("call", ["can", "require", "require_anywhere", "has_anywhere", "reach", "scope_q"])
def test_a_misspelt_code_fails_for_everyone(call, admin_user, tree):
    method = getattr(policy, call)
    args = (admin_user, "members.veiw") + ((tree.a,) if call in ("can", "require") else ())
    with pytest.raises(UnknownPermission):
        method(*args)


def test_a_misspelt_guard_fails_at_import():
    with pytest.raises(UnknownPermission):
        guarded("member.view")


def test_a_permission_cannot_be_declared_twice_or_badly():
    with pytest.raises(ImproperlyConfigured):
        permissions.permission("members.view", "again")
    with pytest.raises(ImproperlyConfigured):
        permissions.permission("nodot", "bad")


# Writers of audit rows and the position of the action among their positional arguments.
AUDIT_CALLS = {"record": 99, "record_many": 99, "_audit": 1, "_unit_audit": 99, "_decide_transfer": 3}


def test_actions_written_by_the_code_are_registered():
    """Every action string that a service passes to audit.record(action=...) has a label."""
    written = set()
    for path in product_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or _name(node.func) not in AUDIT_CALLS:
                continue
            position = AUDIT_CALLS[_name(node.func)]
            values = [k.value for k in node.keywords if k.arg == "action"] + node.args[
                position : position + 1
            ]
            written |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    assert len(written) > 15
    assert written <= set(audit.ACTIONS), sorted(written - set(audit.ACTIONS))
    for action in audit.ACTIONS.values():
        assert str(action.label) != action.code and str(action.description), action.code


def test_an_unregistered_action_is_refused(db, admin_user, tree):
    from django.db import transaction

    with transaction.atomic(), pytest.raises(ImproperlyConfigured):
        audit.record(actor=admin_user, action="unit.renamed", obj=tree.a, unit_id=tree.a.pk)


def test_menu_entries_resolve_and_carry_declared_permissions():
    from django.urls import reverse

    assert plugins.MENU, "no app registered a menu entry"
    for entry in plugins.MENU:
        reverse(entry.url_name)
        assert entry.permission is None or permissions.is_declared(entry.permission)


def test_core_knows_no_app():
    """Core is below every app: no module of core imports one (the apps plug into core)."""
    apps = ("congdoan.organizations", "congdoan.accounts", "congdoan.members", "congdoan.demo")
    for path in product_files():
        if path.relative_to(PACKAGE).parts[0] != "core":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                )
                assert not any(n.startswith(apps) for n in names), f"{path} imports {names}"


def test_no_module_is_over_700_lines():
    long = {
        str(p.relative_to(ROOT)): n for p in product_files() if (n := len(p.read_text().splitlines())) > 700
    }
    assert not long, long


def test_every_api_schema_has_a_name_of_its_own():
    """The OpenAPI document names each schema by its class name: two apps' ``ReviewIn`` become one
    component, and clients (and the route walk) read the wrong fields for one of them."""
    from collections import defaultdict

    from ninja import Schema

    import config.api  # noqa: F401 (imports every app's schemas)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = defaultdict(set)
    for cls in subclasses(Schema):
        if cls.__module__.startswith("congdoan.") and ".tests" not in cls.__module__:
            names[cls.__name__].add(cls.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
