"""Dates typed and shown dd/mm/yyyy whatever the browser (core.forms.DateField / DateInput, the
``{% date_input %}`` tag): a text box, the server's check, messages quoting the value."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from congdoan.core.forms import DateField, DateInput, StyledForm, formfield
from congdoan.core.models import RuleValue


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/12/2024", dt.date(2024, 12, 31)),
        ("1/2/2024", dt.date(2024, 2, 1)),
        (" 05/03/2024 ", dt.date(2024, 3, 5)),
        ("2024-12-31", dt.date(2024, 12, 31)),  # what links and the API send
    ],
)
def test_dates_are_read_day_first(typed, day):
    assert DateField().clean(typed) == day


@pytest.mark.parametrize("typed", ["31/02/2024", "12/31/2024", "31-12-2024", "31/12/24", "hôm nay"])
def test_a_bad_date_is_refused_quoting_it(typed):
    with pytest.raises(ValidationError) as exc:
        DateField().clean(typed)
    assert exc.value.messages == [f"'{typed}' không phải là ngày hợp lệ (dd/mm/yyyy)."]
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            DateField().clean(typed)
        assert exc.value.messages == [f"'{typed}' is not a valid date (dd/mm/yyyy)."]


def test_the_box_is_text_shown_day_first_without_browser_validation():
    field = DateField(required=True)
    html = field.widget.render("on", dt.date(2024, 3, 5))
    assert 'type="text"' in html and 'value="05/03/2024"' in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'inputmode="numeric"' in html
    assert "data-date-input" in html and 'maxlength="10"' in html
    assert 'aria-required="true"' in html

    class Form(forms.Form):
        on = DateField()

    rendered = str(Form()["on"])
    assert " required" not in rendered  # no browser bubble in the browser's language
    assert DateInput().render("on", "31/02/2024").count('value="31/02/2024"') == 1  # kept as typed


def test_a_later_modules_plain_date_field_becomes_one():
    class LaterForm(StyledForm):
        held_on = forms.DateField(
            label="Ngày tổ chức",
            help_text="Ngày đại hội.",
            error_messages={"required": "Hãy nhập ngày tổ chức."},
            widget=forms.DateInput(attrs={"data-x": "1"}),
        )

    form = LaterForm({"held_on": "31/12/2024"})
    field = form.fields["held_on"]
    assert isinstance(field, DateField) and isinstance(field.widget, DateInput)
    assert (field.label, field.help_text, field.widget.attrs["data-x"]) == (
        "Ngày tổ chức",
        "Ngày đại hội.",
        "1",
    )
    assert form.is_valid() and form.cleaned_data["held_on"] == dt.date(2024, 12, 31)
    assert 'class="form-control"' in str(form["held_on"])
    empty = LaterForm({"held_on": ""})
    assert empty.errors["held_on"] == ["Hãy nhập ngày tổ chức."]
    bad = LaterForm({"held_on": "12/31/2024"})
    assert bad.errors["held_on"] == ["'12/31/2024' không phải là ngày hợp lệ (dd/mm/yyyy)."]
    assert "is-invalid" in str(bad["held_on"])


def test_a_hidden_date_stays_hidden():
    class Form(StyledForm):
        on = forms.DateField(widget=forms.HiddenInput)

    form = Form({"on": "31/12/2024"})
    assert 'type="hidden"' in str(form["on"])
    assert form.is_valid() and form.cleaned_data["on"] == dt.date(2024, 12, 31)


def test_model_date_fields_through_formfield():
    fields = forms.fields_for_model(RuleValue, fields=["key", "valid_from"], formfield_callback=formfield)
    assert isinstance(fields["valid_from"], DateField)
    assert not isinstance(fields["key"], DateField)


def test_the_date_input_tag():
    template = Template(
        '{% load ui %}{% date_input "as_of" day id="as_of" class="form-control" invalid=error hx_get="/x" %}'
    )
    html = template.render(Context({"day": dt.date(2024, 1, 9), "error": "sai"}))
    assert 'type="text"' in html and 'value="09/01/2024"' in html and 'id="as_of"' in html
    assert 'class="form-control is-invalid"' in html and 'aria-invalid="true"' in html
    assert 'hx-get="/x"' in html
    assert "is-invalid" not in template.render(Context({"day": None, "error": ""}))
