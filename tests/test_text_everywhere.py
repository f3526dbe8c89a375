"""Text is cleaned at every door (``core.text``), and a door added later cannot forget it.

These tests walk what exists rather than list it: every text field of every model of the project,
every form class, every string an API operation takes. A new module whose model uses Django's own
``models.CharField`` (not ``core.fields``), whose form is not built on ``core.forms.CleanedForm``
or whose API schema takes a plain ``str`` (not ``core.api.text``) fails here.
"""

import inspect
import types
import typing
from types import SimpleNamespace
from typing import Annotated, get_args

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.test import RequestFactory
from ninja import Schema
from pydantic import BaseModel, TypeAdapter
from pydantic import ValidationError as PydanticError

import config.urls  # noqa: F401 (imports every view, and with them every form)
from config.api import api
from congdoan.core.api import Secret
from congdoan.core.dates import today
from congdoan.core.fields import CleanedText
from congdoan.core.forms import CleanedForm
from congdoan.core.workflow import FSMField

# A value with every kind of junk: BOM, zero-width space, soft hyphen, a control character,
# a look-alike Ð, a no-break space, doubled and trailing spaces.
DIRTY = "\ufeff\u200bÐx\u00ad\x07\u00a0 y "
JUNK = set("\ufeff\u200b\u00ad\x07\u00a0Ð")
# The one text column that is not text: a password hash (and password inputs, taken as typed).
NOT_CLEANED = {("accounts.User", "password")}


def assert_clean(value, where):
    assert isinstance(value, str), where
    assert not JUNK & set(value) and "  " not in value and value == value.strip(), f"{where}: {value!r}"
    assert "Đ" in value, f"{where}: {value!r} (Ð is stored as Đ)"


def project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("congdoan.")]


def text_fields():
    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in project_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and (model._meta.label, field.name) not in NOT_CLEANED
        # A review state (core.workflow) is a code only its transitions set, never typed text.
        and not isinstance(field, FSMField)
    ]


def test_there_are_text_fields_to_check():
    labels = {p.id for p in text_fields()}
    assert {"members.Person.full_name", "members.Person.card_number", "accounts.User.email"} <= labels
    assert "accounts.User.password" not in labels


@pytest.mark.parametrize(("model", "field"), text_fields())
def test_every_model_text_field_cleans_on_save_in_queries_and_forms(model, field):
    assert isinstance(field, CleanedText), (
        f"{model._meta.label}.{field.name} is Django's {type(field).__name__}: use congdoan.core.fields"
    )
    instance = model()
    setattr(instance, field.attname, DIRTY)
    assert_clean(field.pre_save(instance, add=True), "pre_save")
    assert_clean(getattr(instance, field.attname), "instance after pre_save")
    assert_clean(field.get_prep_value(DIRTY), "get_prep_value (filters, update)")
    assert_clean(field.to_python(DIRTY), "to_python (full_clean)")
    if field.editable and not field.choices:
        assert_clean(field.formfield().to_python(DIRTY), "formfield (admin, ModelForm)")


# -- forms -------------------------------------------------------------------------------------


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms():
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("congdoan.") and ".tests" not in cls.__module__
    }
    return [pytest.param(cls, id=f"{cls.__module__}.{cls.__qualname__}") for cls in sorted(found, key=str)]


PROJECT_FORMS = [p.values[0] for p in project_forms()]


def test_there_are_forms_to_check():
    names = {p.id.rsplit(".", 1)[1] for p in project_forms()}
    assert {"JoinForm", "EditForm", "LoginForm", "AccountCreateForm", "UnitCreateForm", "UploadForm"} <= names


def _init_keywords(cls) -> set[str]:
    names = set()
    for klass in cls.__mro__:
        if "__init__" in vars(klass):
            names |= set(inspect.signature(vars(klass)["__init__"]).parameters)
    return names


# Arguments only these forms take, under names (``lines``) other forms use for something else.
FORM_ONLY = {"NominationEditForm": {"nomination", "lines", "initiative_choices", "chosen"}}


def arguments_for(form_class, form_arguments: dict) -> dict:
    """The fixture's arguments ``form_class`` takes."""
    keywords = _init_keywords(form_class)
    others = set().union(*FORM_ONLY.values()) - FORM_ONLY.get(form_class.__name__, set())
    return {k: v for k, v in form_arguments.items() if k in keywords and k not in others}


@pytest.fixture
def form_arguments(tree, admin_user):
    from congdoan.emulation.selectors import block_members
    from congdoan.emulation.tests.factories import block, movement
    from congdoan.members import services
    from congdoan.members.models import PositionKind
    from congdoan.members.tests.factories import join

    person = join(tree.a, name="Nguyễn Văn Mẫu", actor=admin_user)
    held = services.position_assign(
        actor=admin_user,
        person=person,
        position=PositionKind.objects.first(),
        unit=tree.a,
        valid_from=person.memberships.get().valid_from,
    )
    # A returned nomination's edit form reads its nomination and lines only as text (stand-ins).
    line = SimpleNamespace(pk=1, person_id=person.pk, votes_for=None, achievements="")
    return {
        "movement": movement(tree.cdvc, actor=admin_user),
        # A block's member units: the block forms' choices and the pledge's signatory fields per party.
        "members": block_members(block(tree.cdvc, [tree.a, tree.b], actor=admin_user)),
        "nomination": SimpleNamespace(report="", council_size=None, council_present=None),
        "lines": [line],
        "initiative_choices": {line.pk: [(1, "Sáng kiến mẫu")]},
        "chosen": {},
        "actor": admin_user,
        "user": admin_user,
        "person": person,
        "membership": person.memberships.get(),
        "held": held,
        "actions": [],
        "version": tree.a.latest_version,
        "as_of": today(),
        "unit_id": tree.a.pk,
        "year": today().year,
        "request": RequestFactory().post("/"),
    }


@pytest.mark.parametrize("form_class", project_forms())
def test_every_form_cleans_what_is_typed_into_it(form_class, form_arguments):
    assert issubclass(form_class, CleanedForm), (
        f"{form_class} must be built on congdoan.core.forms.CleanedForm"
    )
    if any(issubclass(sub, form_class) and sub is not form_class for sub in PROJECT_FORMS):
        return  # a base (UnitActionForm, MemberForm): its subclasses are checked
    extra = arguments_for(form_class, form_arguments)
    fields = form_class(**extra).fields  # fields added by setup() included
    typed = {}
    for name, field in fields.items():
        if not isinstance(field, forms.FileField):
            typed[form_class(**extra).add_prefix(name)] = DIRTY
    form = form_class(data=typed, **extra)
    form.full_clean()
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        if html_name not in typed:
            continue
        if isinstance(field, forms.CharField) and not field.strip:  # a password: as typed
            assert form.data[html_name] == DIRTY, name
            continue
        assert_clean(form.data[html_name], f"{name} as the form reads it")
        if isinstance(field, forms.CharField) and name in form.cleaned_data:
            assert_clean(form.cleaned_data[name], f"{name} cleaned")


# -- the API -----------------------------------------------------------------------------------


def _is_secret(annotation) -> bool:
    return any(isinstance(a, Secret) or _is_secret(a) for a in get_args(annotation))


def _schemas(model, seen):
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        for inner in (info.annotation, *get_args(info.annotation)):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from _schemas(inner, seen)


def api_inputs():
    roots = [
        m
        for _prefix, router in api._routers
        for pv in router.path_operations.values()
        for op in pv.operations
        for m in op.signature.models
    ]
    roots += [
        cls
        for cls in _subclasses(Schema)
        if cls.__module__.startswith("congdoan.") and cls.__name__.endswith(("In", "Query"))
    ]
    seen: set = set()
    fields = {}
    for root in roots:
        for model in _schemas(root, seen):
            for name, info in model.model_fields.items():
                if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
                    continue
                fields[f"{model.__name__}.{name}"] = info
    return [pytest.param(info, id=key) for key, info in sorted(fields.items())]


def test_there_are_api_inputs_to_check():
    keys = {p.id for p in api_inputs()}
    assert {"MemberJoinIn.full_name", "UnitCreateIn.note", "TokenIn.password", "QueryParams.q"} <= keys


@pytest.mark.parametrize("info", api_inputs())
def test_every_string_an_api_operation_takes_is_cleaned(info):
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    if isinstance(annotation, typing._GenericAlias | types.UnionType) and _is_secret(annotation):
        assert TypeAdapter(annotation).validate_python(DIRTY) == DIRTY  # a password: as typed
        return
    try:
        value = TypeAdapter(annotation).validate_python(DIRTY)
    except PydanticError:
        return  # takes no free text (a number, a date, a choice)
    assert_clean(value, "validated")


# -- doors outside the walks: the admin and logging in -------------------------------------------------


def test_the_admin_stores_text_clean(client, admin_user):
    from congdoan.members.models import PositionKind

    client.force_login(admin_user)
    response = client.post(
        "/quan-tri/members/positionkind/add/",
        {"code": "pho-ban\u200b", "name": "\ufeffỦy viên\u00a0 UBKT\u200b ", "order": "9", "_save": "1"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert PositionKind.objects.filter(code="pho-ban").values_list("name", flat=True).get() == "Ủy viên UBKT"


@pytest.mark.parametrize(
    "typed", ["\u200bofficer_a", "officer_a\ufeff", " OFFICER_A\x07", "ｏｆｆｉｃｅｒ＿ａ"]
)
def test_a_login_typed_with_junk_names_its_account(client, officer_a, typed):
    response = client.post("/tai-khoan/dang-nhap/", {"username": typed, "password": "matkhau-123"})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == officer_a.pk
    body = {"username": typed, "password": "matkhau-123"}
    assert client.post("/api/v1/auth/token", body, content_type="application/json").status_code == 201
