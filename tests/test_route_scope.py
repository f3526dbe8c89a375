"""Every route, UI and API, is guarded and keeps a sibling unit's objects out of reach.

The routes are enumerated from the URL resolver and the API's routers, so a new route is in
these tests the moment it exists: if it has no guard marker, or an id parameter this file does
not know how to fill, the tests fail until it is handled.
"""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from conftest import make_officer, make_tree, shared_world
from congdoan.accounts.services import token_issue
from congdoan.awards.tests.factories import scope_objects as awards_objects
from congdoan.core import audit
from congdoan.core.dates import today
from congdoan.core.jobs import kind_of
from congdoan.core.models import AuditEntry, Job, ScheduledReminder
from congdoan.documents.tests.factories import route_objects as document_objects
from congdoan.emulation.tests.factories import scope_objects as emulation_objects
from congdoan.funds.tests.factories import scope_objects as funds_objects
from congdoan.initiatives.tests.factories import scope_objects as initiatives_objects
from congdoan.meetings.services import term_record
from congdoan.meetings.tests.factories import conference, review
from congdoan.members.importing import validate_work
from congdoan.members.models import PositionKind
from congdoan.members.services import member_transfer, position_assign
from congdoan.members.tests.factories import join
from congdoan.organizations.models import RoleAssignment, UnitKind
from congdoan.organizations.tests.factories import make_unit, superuser
from congdoan.plans.tests.scope import plans_objects
from congdoan.portal.tests.factories import scope_objects as portal_objects
from congdoan.welfare.tests.factories import scope_objects as welfare_objects

# Callbacks that are not views of ours: the admin (superusers only, its own login) and the
# API's schema/docs pages and its empty root (public documentation, no data).
UNGUARDED_NAMESPACES = {"admin"}
PUBLIC_API_URL_NAMES = {"openapi-json", "openapi-view", "api-root"}

SIBLING_MARKERS = ["Công đoàn Sở Giáo dục và Đào tạo", "officer_b", "Phạm Thị Sibling"]


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p


def ui_routes():
    routes = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace in UNGUARDED_NAMESPACES or namespace == "api":
            continue
        routes.append(pytest.param(route, pattern, id=f"{namespace or ''}:{pattern.name or route}"))
    return routes


def api_operations():
    ops = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                full = "/api/v1" + (prefix.rstrip("/") + "/" + path.lstrip("/")).replace("//", "/")
                for method in op.methods:
                    ops.append(pytest.param(method, full, op, id=f"{method} {full}"))
    return ops


def test_there_are_routes_to_check():
    assert len(ui_routes()) > 10
    assert len(api_operations()) > 5


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_every_view_declares_its_guard(route, pattern):
    assert getattr(pattern.callback, "policy_guard", None), (
        f"{route} has no guard: wrap it in @guarded(perm), @authenticated or @public"
    )


@pytest.mark.parametrize(("method", "path", "op"), api_operations())
def test_every_api_operation_declares_its_guard(method, path, op):
    assert getattr(op.view_func, "policy_guard", None), f"{method} {path} has no @api_guard"


def test_api_docs_are_the_only_unguarded_api_urls():
    """Every API URL is an operation (each guarded, tested above) or one of the documentation pages."""
    names = {p.name for _, ns, p in _walk(get_resolver().url_patterns) if ns == "api"}
    operations = {op.view_func.__name__ for _, _, op in (p.values for p in api_operations())}
    assert names - operations == PUBLIC_API_URL_NAMES


# -- a sibling's objects ------------------------------------------------------------------------


@pytest.fixture
def sibling(tree, officer_a, officer_b, world):
    """Ids of objects that belong to CĐCS B, which officer_a (chủ tịch of CĐCS A) must not reach."""
    return world.get("sibling", lambda: _sibling(tree, officer_a, officer_b))


@shared_world("sibling")
def _sibling_world():
    """The fixtures of a test of ``sibling``, built once for the tests that follow it."""
    admin_user, tree = superuser(), make_tree()
    officer_a, officer_b = make_officer("officer_a", tree.a), make_officer("officer_b", tree.b)
    sibling = _sibling(tree, officer_a, officer_b)
    return {
        "admin_user": admin_user,
        "tree": tree,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "sibling": sibling,
    }


def _sibling(tree, officer_a, officer_b):
    token, _ = token_issue(actor=officer_b, name="b")
    member = join(tree.b, name="Phạm Thị Sibling", actor=officer_b)
    other = join(tree.b, actor=officer_b)
    # A transfer out of B into a unit officer_a cannot see either.
    transfer = member_transfer(
        actor=officer_b, person=other, to_unit=tree_unit_elsewhere(tree), on=dt.date(2024, 1, 1)
    )
    held = position_assign(
        actor=officer_b,
        person=member,
        position=PositionKind.objects.get(code="chu-tich"),
        unit=tree.b,
        valid_from=dt.date(2021, 1, 1),
    )
    # A checked import of officer_b's: its pages, file and "write" button are officer_b's only.
    job = Job.objects.create(
        user=officer_b,
        kind=kind_of(validate_work),
        label="Kiểm tra",
        state=Job.State.SUCCEEDED,
        result={"error_rows": 0},
    )
    # An automatic reminder officer_b scheduled: only its owner may see or stop it.
    reminder = ScheduledReminder.objects.create(
        owner=officer_b,
        kind="meetings.conference",
        unit_id=tree.b.pk,
        label="Nhắc B",
        next_run=today(),
        valid_from=today(),
    )
    return {
        "reminder_id": reminder.pk,
        "job_id": job.pk,
        "unit_id": tree.b.pk,
        "parent_id": tree.b.pk,
        "user_id": officer_b.pk,
        "role_id": RoleAssignment.objects.get(user=officer_b).pk,
        "token_id": token.pk,
        "member_id": member.pk,
        "membership_id": member.memberships.get().pk,
        "transfer_id": transfer.pk,
        "position_id": held.pk,
        **document_objects(officer_b, tree.b),
        "conference_id": conference(tree.b, officer_b).pk,
        "review_id": review(tree.b, officer_b).pk,
        "term_id": term_record(
            actor=officer_b, unit=tree.b, name="2023-2028", held_on=dt.date(2023, 3, 1)
        ).pk,
        **emulation_objects(tree, officer_b),
        **initiatives_objects(tree, officer_b),
        **funds_objects(tree, officer_b),
        **awards_objects(tree.b, officer_b),
        **plans_objects(tree.b, officer_b, tree.other),
        **welfare_objects(tree.b, officer_b),
        **portal_objects(tree.b, officer_b),
    }


def tree_unit_elsewhere(tree):
    return make_unit("ELSEWHERE", "Công đoàn cơ sở ngoài phạm vi", tree.other)


def _fill(route: str, ids: dict) -> str:
    def value(match):
        name = match.group("name")
        if name not in ids:
            pytest.fail(f"route {route}: no sibling object known for parameter <{name}>; add it to `sibling`")
        return str(ids[name])

    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
    return "/" + url.lstrip("^").rstrip("$")


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_officer_cannot_reach_sibling_unit_objects(route, pattern, client, officer_a, sibling):
    if getattr(pattern.callback, "policy_guard", None) == "public":
        pytest.skip("public page: no objects")
    client.force_login(officer_a)
    url = _fill(route, sibling)
    if "<" in route or getattr(pattern.callback, "policy_guard", None) == "superuser":
        # A superuser's page (everyone's failed jobs) does not exist for an officer either.
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, f"{method.upper()} {url} answered {response.status_code}"
        return
    response = client.get(url)
    assert response.status_code in (200, 302, 405), f"GET {url} answered {response.status_code}"
    body = text_of(response)
    for marker in SIBLING_MARKERS:
        assert marker not in body, f"GET {url} shows {marker!r} of a sibling unit"


def text_of(response) -> str:
    """What a reader of the answer sees: the page, or every part of a downloaded xlsx/docx (zip
    archives of XML), so another unit's name inside a spreadsheet is found too."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] != b"PK":
        return raw.decode(errors="replace")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "\n".join(
            archive.read(name).decode(errors="replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def test_text_of_opens_a_spreadsheet(client, officer_a):
    """The check above would be blind to a spreadsheet it could not open."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet().write(0, 0, SIBLING_MARKERS[0])
    book.close()
    from django.http import HttpResponse

    assert SIBLING_MARKERS[0] in text_of(HttpResponse(buffer.getvalue()))


def _example(schema: dict, spec: dict, ids: dict, name: str = ""):
    """A minimal valid value for ``schema`` whose ids all point at the sibling's objects."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        # Optional id fields are filled too: they are how a body points at another unit.
        return {
            k: _example(v, spec, ids, k)
            for k, v in schema.get("properties", {}).items()
            if k in required or k.endswith(("_id", "_ids"))
        }
    if kind == "array":
        return [_example(schema["items"], spec, ids, name)]
    if kind == "integer":
        # An id of the sibling's; a bounded plain number (a year) kept inside its bounds, so the
        # schema does not refuse the body (422) before the route looks the objects up.
        value = ids["unit_id"]
        if name.endswith(("_id", "_ids")) or name == "id":
            return value
        return max(schema.get("minimum", value), min(value, schema.get("maximum", value)))
    if schema.get("format") == "date":
        return dt.date.today().isoformat()
    if "enum" in schema:
        return schema["enum"][0]
    return {"kind": "cdcs"}.get(name, "X")


def _mentions_an_id(value) -> bool:
    if isinstance(value, dict):
        return any(_mentions_an_id(v) for v in value.values())
    if isinstance(value, list):
        return any(_mentions_an_id(v) for v in value)
    return isinstance(value, int)


@pytest.mark.parametrize(("method", "path", "op"), api_operations())
def test_api_officer_cannot_reach_sibling_unit_objects(method, path, op, client, officer_a, sibling):
    if getattr(op.view_func, "policy_guard", None) == "public":
        pytest.skip("public endpoint: no objects")
    _, raw = token_issue(actor=officer_a, name="a")
    spec = api.get_openapi_schema()
    url = re.sub(r"\{(?P<name>\w+)\}", lambda m: str(sibling.get(m.group("name"), sibling["unit_id"])), path)
    content = spec["paths"][path][method.lower()].get("requestBody", {}).get("content", {})
    body = (
        _example(content["application/json"]["schema"], spec, sibling)
        if "application/json" in content
        else None
    )
    response = client.generic(
        method,
        url,
        data="" if body is None else json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    if "{" in path or _mentions_an_id(body):
        assert response.status_code == 404, f"{method} {url} {body} answered {response.status_code}"
        return
    assert response.status_code in (200, 201, 204), f"{method} {url} answered {response.status_code}"
    for marker in SIBLING_MARKERS:
        assert marker not in response.content.decode(), f"{method} {url} shows {marker!r}"


# -- a read-only officer ---------------------------------------------------------------------------


@pytest.fixture
def own(tree, officer_a, viewer_a, world):
    """Ids of objects of CĐCS A, where viewer_a (cán bộ văn phòng, read-only) sees everything."""
    return world.get("own", lambda: _own(tree, officer_a, viewer_a))


@shared_world("own")
def _own_world():
    """The fixtures of a test of ``own``, built once for the tests that follow it."""
    admin_user, tree = superuser(), make_tree()
    officer_a = make_officer("officer_a", tree.a)
    viewer_a = make_officer("viewer_a", tree.a, "can-bo-van-phong")
    own = _own(tree, officer_a, viewer_a)
    return {"admin_user": admin_user, "tree": tree, "officer_a": officer_a, "viewer_a": viewer_a, "own": own}


def _own(tree, officer_a, viewer_a):
    member = join(tree.a, name="Nguyễn Thị Cùng Đơn Vị", actor=officer_a)
    other = join(tree.a, actor=officer_a)
    transfer = member_transfer(
        actor=officer_a, person=other, to_unit=tree_unit_elsewhere(tree), on=dt.date(2024, 1, 1)
    )
    held = position_assign(
        actor=officer_a,
        person=member,
        position=PositionKind.objects.get(code="chu-tich"),
        unit=tree.a,
        valid_from=dt.date(2021, 1, 1),
    )
    job = Job.objects.create(
        user=viewer_a, kind=kind_of(validate_work), label="Kiểm tra", state=Job.State.SUCCEEDED
    )
    reminder = ScheduledReminder.objects.create(
        owner=viewer_a,
        kind="meetings.conference",
        unit_id=tree.a.pk,
        label="Nhắc A",
        next_run=today(),
        valid_from=today(),
    )
    return {
        "reminder_id": reminder.pk,
        "job_id": job.pk,
        "unit_id": tree.a.pk,
        "parent_id": tree.a.pk,
        "user_id": officer_a.pk,
        "role_id": RoleAssignment.objects.get(user=officer_a).pk,
        "member_id": member.pk,
        "membership_id": member.memberships.get().pk,
        "transfer_id": transfer.pk,
        "position_id": held.pk,
        **document_objects(officer_a, tree.a),
        "conference_id": conference(tree.a, officer_a).pk,
        "review_id": review(tree.a, officer_a).pk,
        "term_id": term_record(
            actor=officer_a, unit=tree.a, name="2023-2028", held_on=dt.date(2023, 3, 1)
        ).pk,
        **emulation_objects(tree, officer_a),
        **initiatives_objects(tree, officer_a),
        **funds_objects(tree, officer_a),
        **awards_objects(tree.a, officer_a),
        **plans_objects(tree.a, officer_a, tree.other),
        **welfare_objects(tree.a, officer_a),
        **portal_objects(tree.a, officer_a),
    }


# Plausible values for every form field the pages have, so that a form's own validation is not
# what stops a write: only the guard and the services may.
WRITE_DATA = {
    "unit": "{unit_id}",
    "wf-unit": "{unit_id}",
    "wf-on": "01/01/2024",
    "wf-total": "40",
    "wf-women": "20",
    "on": "01/06/2024",
    "valid_from": "01/06/2024",
    "full_name": "Người Mới",
    "sex": "F",
    "status": "exempt",
    "code": "MOI",
    "name": "Đơn vị mới",
    "kind": "1",
    "note": "x",
    "year": "2024",
    "held_on": "22/02/2024",
    "expected": "30",
    "present": "20",
    "doc-role": "khac",
    "doc-title": "Dự thảo",
    "vote-subject": "Nghị quyết",
    "vote-votes_for": "20",
}


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_read_only_officer_writes_nothing(route, pattern, client, viewer_a, own):
    """Every route that writes is guarded by a write permission: the read-only office role gets
    403 (or 404 where it cannot even see the area) and no audit row appears, whatever it posts."""
    guard = getattr(pattern.callback, "policy_guard", None)
    if guard in ("public", "self"):
        pytest.skip("no unit's data: the actor's own account, or public")
    client.force_login(viewer_a)
    before = AuditEntry.objects.count()
    data = {k: v.format(**own) for k, v in WRITE_DATA.items()}
    response = client.post(_fill(route, own), data)
    assert AuditEntry.objects.count() == before, f"POST {route} wrote as a read-only officer"
    if not guard.endswith(".view"):
        assert response.status_code in (403, 404), f"POST {route} answered {response.status_code}"


@pytest.mark.parametrize(("route", "pattern"), ui_routes())
def test_read_routes_never_write(route, pattern, client, officer_a, own):
    """A route guarded by a ``*.view`` permission is a read: even an officer who may do everything
    in the unit writes nothing through it. A page that writes must say so by its guard."""
    guard = getattr(pattern.callback, "policy_guard", None)
    if not (guard or "").endswith(".view"):
        pytest.skip("guarded by a write permission, or not a unit's page")
    client.force_login(officer_a)
    changes = AuditEntry.objects.filter(action__in=audit.change_actions())  # an export's log is a read
    before = changes.count()
    data = {k: v.format(**own) for k, v in WRITE_DATA.items()}
    data["kind"] = str(UnitKind.objects.get(code="cd-bo-phan").pk)
    client.post(_fill(route, own), data)
    assert changes.count() == before, f"POST {route} (guarded by {guard}) wrote"


@pytest.mark.parametrize(("method", "path", "op"), api_operations())
def test_api_read_only_officer_is_refused_before_the_body_is_read(method, path, op, client, viewer_a, own):
    """An API write asks its permission before it reads the body: the read-only office role gets
    403 (or 404) whatever it sends, even an empty or broken body, never a 422 about fields it may
    not send at all, and writes nothing."""
    guard = getattr(op.view_func, "policy_guard", None)
    if guard in ("public", "self") or (guard or "").endswith(".view"):
        pytest.skip("not a write guarded by a permission")
    _, raw = token_issue(actor=viewer_a, name="viewer")
    url = re.sub(r"\{(?P<name>\w+)\}", lambda m: str(own.get(m.group("name"), own["unit_id"])), path)
    before = AuditEntry.objects.filter(action__in=audit.change_actions()).count()
    for body in ("", "{}", "{not json"):
        response = client.generic(
            method, url, data=body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        )
        assert response.status_code in (403, 404), f"{method} {url} {body!r} answered {response.status_code}"
    assert AuditEntry.objects.filter(action__in=audit.change_actions()).count() == before
