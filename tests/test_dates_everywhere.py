"""No date before 01/01/1900 is read at any door (``core.dates.EARLIEST``), and a door added later
cannot forget it: every date field of every project form is ``core.forms.DateField`` (which refuses
it), every date an API operation takes is ``core.api.Date`` (which refuses it, and numbers read as
Unix timestamps). 01/01/0001 is what a cleared date picker or a careless import sends."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from congdoan.core.dates import parse_date
from congdoan.core.forms import DateField
from tests.test_text_everywhere import api_inputs, arguments_for, form_arguments, project_forms  # noqa: F401

TOO_EARLY = ("0001-01-01", "1899-12-31")


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/1899", "0001-01-01"])
def test_a_date_before_1900_is_refused_in_a_form(typed):
    with pytest.raises(ValidationError) as exc:
        DateField().clean(typed)
    assert "01/01/1900" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        DateField().clean(dt.date(1, 1, 1))  # a date object too (an initial, a bound model value)


def test_a_date_before_1900_is_refused_in_a_query_string():
    with pytest.raises(ValidationError) as exc:
        parse_date("01/01/0001", field="as_of")
    assert "01/01/1900" in exc.value.message_dict["as_of"][0]
    assert parse_date("01/01/1900") == dt.date(1900, 1, 1)


@pytest.mark.parametrize("form_class", project_forms())
def test_every_form_date_field_refuses_dates_before_1900(form_class, form_arguments):  # noqa: F811
    forms_ = [p.values[0] for p in project_forms()]
    if any(issubclass(sub, form_class) and sub is not form_class for sub in forms_):
        return  # a base: its subclasses are checked
    extra = arguments_for(form_class, form_arguments)
    for name, field in form_class(**extra).fields.items():
        if isinstance(field, forms.DateField):
            assert isinstance(field, DateField), f"{form_class.__name__}.{name} is not core.forms.DateField"


def _date_inputs():
    dated = []
    for param in api_inputs():
        info = param.values[0]
        annotation = info.annotation
        try:
            adapter = TypeAdapter(annotation if not info.metadata else _annotated(info))
            value = adapter.validate_python("2024-02-29")
        except PydanticError:
            continue
        if isinstance(value, dt.date):
            dated.append(pytest.param(adapter, id=param.id))
    return dated


def _annotated(info):
    from typing import Annotated

    return Annotated[(info.annotation, *info.metadata)]


def test_there_are_api_dates_to_check():
    assert {"MemberJoinIn.on", "TransferIn.on"} <= {p.id for p in _date_inputs()}


@pytest.mark.parametrize("adapter", _date_inputs())
def test_every_api_date_refuses_dates_before_1900_and_timestamps(adapter):
    for value in (*TOO_EARLY, 1700000000, "1700000000"):
        with pytest.raises(PydanticError):
            adapter.validate_python(value)


@pytest.mark.parametrize("cell", ["01/01/0001", "0001-01-01", dt.date(1899, 12, 31), dt.datetime(1, 1, 1)])
def test_an_excel_cell_dated_before_1900_is_refused(cell):
    from congdoan.core.bulk.cells import CellError
    from congdoan.core.bulk.cells import date as cell_date

    with pytest.raises(CellError) as exc:
        cell_date(cell)
    assert "01/01/1900" in str(exc.value)
