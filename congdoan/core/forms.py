"""The base of every form: text cleaned as typed, Bootstrap classes, dates typed dd/mm/yyyy,
fields with errors marked, a service's errors placed.

Dates: ``DateField`` / ``DateInput`` read and show dd/mm/yyyy whatever the browser's language (a
browser's ``<input type="date">`` shows mm/dd/yyyy in an English browser and answers with the
browser's own English messages). The box is a text input; core/static/core/app.js puts in the
slashes as digits are typed (``data-date-input``) and the server checks the date, answering in
Vietnamese with the value typed. ``StyledForm.style()`` turns any other ``forms.DateField`` of a
form into one (so a later module's form gets it without asking), and ``formfield`` does it for a
model's date fields (``fields_for_model(..., formfield_callback=formfield)``, or a ModelForm's
``Meta.formfield_callback``).

Status codes: a page that shows a form (or a list's filters) with errors answers
``FORM_ERRORS`` (422 Unprocessable Content), never 400, whether it was posted by a browser or by
HTMX; ``base.html``'s htmx config swaps 422 answers like 2xx ones, so the re-rendered form shows its
errors in place. Every form view renders through ``render_form``.
"""

import datetime as dt
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy

from . import text
from .dates import EARLIEST, INPUT_FORMATS, INVALID, TOO_EARLY, display, read_date
from .dates import today as _today

DISPLAY_FORMAT = "%d/%m/%Y"


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: a numeric keypad on phones, the slashes added as one types (app.js).

    No browser validation (``required``, ``pattern``, ``type="date"``): its messages would be in
    the browser's language; ``aria-required`` still tells assistive technology."""

    input_type = "text"
    ATTRS = {
        "placeholder": "dd/mm/yyyy",
        "inputmode": "numeric",
        "autocomplete": "off",
        "maxlength": "10",
        "data-date-input": True,
    }

    def __init__(self, attrs=None):
        super().__init__(attrs={**self.ATTRS, **(attrs or {})}, format=DISPLAY_FORMAT)

    def use_required_attribute(self, initial) -> bool:
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_required:
            context["widget"]["attrs"]["aria-required"] = "true"
        return context


class DateField(forms.DateField):
    """A date typed dd/mm/yyyy (d/m/yyyy and yyyy-mm-dd accepted too); a bad one is refused with
    ``core.dates.INVALID`` quoting it: "'31/02/2024' không phải là ngày hợp lệ (dd/mm/yyyy)."."""

    widget = DateInput
    input_formats = INPUT_FORMATS
    default_error_messages = {"invalid": INVALID, "too_early": TOO_EARLY}

    def to_python(self, value) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        else:
            day = read_date(str(value))
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})
        if day < EARLIEST:
            raise ValidationError(TOO_EARLY, code="too_early", params={"value": display(day)})
        return day

    @classmethod
    def like(cls, field: forms.DateField) -> "DateField":
        """This field in place of ``field`` (a plain ``forms.DateField``): same label, help, initial,
        requirement, validators and messages (but the invalid-date one), same widget attributes; a
        hidden widget stays hidden."""
        new = cls(
            required=field.required,
            label=field.label,
            initial=field.initial,
            help_text=field.help_text,
            disabled=field.disabled,
            validators=field.validators,
            label_suffix=field.label_suffix,
        )
        new.error_messages = {**field.error_messages, "invalid": INVALID}
        if field.widget.is_hidden:
            new.widget = field.widget
        else:
            new.widget.attrs.update({k: v for k, v in field.widget.attrs.items() if k != "type"})
        return new


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A model field's form field, dates as ``DateField`` (a ModelForm's ``formfield_callback``)."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs = {**kwargs, "form_class": DateField}
        kwargs.pop("widget", None)
    return db_field.formfield(**kwargs)


class CleanedInput:
    """A form field whose typed text is cleaned (``cleaner``, a ``core.text`` function) before it
    is validated: what the model fields' ``formfield()`` gives (the admin, ModelForms)."""

    cleaner: Callable[[str], str] = staticmethod(text.clean_line)

    def to_python(self, value):
        return super().to_python(self.cleaner(value) if isinstance(value, str) else value)


class CharField(CleanedInput, forms.CharField):
    pass


class TextField(CleanedInput, forms.CharField):
    cleaner = staticmethod(text.clean_text)
    widget = forms.Textarea


class EmailField(CleanedInput, forms.EmailField):
    pass


class SlugField(CleanedInput, forms.SlugField):
    pass


def _is_secret(field: forms.Field) -> bool:
    """A password is checked as typed, never cleaned (Django's password fields do not strip it)."""
    return isinstance(field, forms.CharField) and not field.strip


INTEGER_MAX = 2**31 - 1  # PostgreSQL's integer column: counts, numbers, years
WHOLE_NUMBER = gettext_lazy("Nhập một số nguyên.")
AT_LEAST = gettext_lazy("Giá trị phải từ %(limit_value)s trở lên.")
AT_MOST = gettext_lazy("Giá trị không được lớn hơn %(limit_value)s.")


def cap_integer(field: forms.Field) -> None:
    """A whole-number field with no upper bound gets ``INTEGER_MAX``: a count typed as
    99999999999999999999 is a form error naming the field, not a database overflow (a 500).
    Fields with their own bound keep it; decimals and floats are left alone."""
    if not isinstance(field, forms.IntegerField) or isinstance(field, forms.DecimalField | forms.FloatField):
        return
    if field.max_value is None:
        field.max_value = INTEGER_MAX
        field.validators.append(MaxValueValidator(INTEGER_MAX))
        field.widget.attrs.setdefault("max", str(INTEGER_MAX))
    # Django's Vietnamese for these reads "Nhập một số tổng thể." and "… bằng với 1900 .": the
    # project's own words, unless the field chose its own.
    if field.error_messages.get("invalid") == forms.IntegerField.default_error_messages["invalid"]:
        field.error_messages = {**field.error_messages, "invalid": WHOLE_NUMBER}
    for validator in field.validators:
        if isinstance(validator, MinValueValidator | MaxValueValidator) and "message" not in vars(validator):
            validator.message = AT_LEAST if isinstance(validator, MinValueValidator) else AT_MOST


class CleanedForm:
    """A form mixin: before validation, every value typed into the form's fields is cleaned as
    ``core.text`` says (``clean_text`` for a textarea, ``clean_line`` for any other field: names,
    codes, searches, dates, choices), except passwords and files. The cleaned values are also
    what a re-shown form displays. Every form of the project has it (``StyledForm`` does), as
    ``tests/test_text_everywhere.py`` checks."""

    def full_clean(self):
        if self.is_bound:
            self.data = self.cleaned_input(self.data)
        for field in self.fields.values():
            cap_integer(field)
        super().full_clean()

    def cleaned_input(self, data):
        """``data`` (a QueryDict or dict) with the fields' values cleaned; other keys as they are."""
        cleaners = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField) or _is_secret(field):
                continue
            cleaner = text.clean_text if isinstance(field.widget, forms.Textarea) else text.clean_line
            html_name = self.add_prefix(name)
            cleaners[html_name] = cleaner
            for i in range(len(getattr(field.widget, "widgets", ()))):  # a MultiWidget's parts
                cleaners[f"{html_name}_{i}"] = cleaner
        if isinstance(data, MultiValueDict):  # a QueryDict too
            cleaned = data.copy()
            for key, cleaner in cleaners.items():
                if key in cleaned:
                    cleaned.setlist(
                        key, [cleaner(v) if isinstance(v, str) else v for v in cleaned.getlist(key)]
                    )
            return cleaned
        return {k: cleaners[k](v) if k in cleaners and isinstance(v, str) else v for k, v in data.items()}


class StyledForm(CleanedForm, forms.Form):
    """Bootstrap classes on every widget; text cleaned as typed; dates as ``DateField``; fields with
    errors (the form's or a service's) marked invalid.

    Forms that add fields after ``__init__`` call ``style()`` once the fields are all there.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.DateField) and not isinstance(field, DateField):
                self.fields[name] = field = DateField.like(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors:
            attrs = self.fields[name].widget.attrs if name in self.fields else None
            if attrs is not None and "is-invalid" not in attrs.get("class", ""):
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def apply_errors(self, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
        apply_errors(self, exc, rename)


def apply_errors(form: forms.Form, exc: ValidationError, rename: dict[str, str] | None = None) -> None:
    """Put a service's errors on the form's fields; keys the form lacks become form-wide errors."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        field = (rename or {}).get(field, field)
        form.add_error(field if field in form.fields else None, errors)


def posted(request):
    """The form data of a POST; None (an unbound form) for any other method."""
    return request.POST if request.method == "POST" else None


def offer_valid_on(form: forms.Form, field: str, queryset: models.QuerySet, date_field: str) -> dt.date:
    """Offer in the choice ``field`` the rows of a dated catalogue (``core.models.DatedCatalogue``) valid
    on the day the form's ``date_field`` holds as posted, today on an unbound form or an unreadable
    date: a kind ended last year is not offered for this year's record, and an old record's date
    still finds it. A row not valid that day is refused naming the field. Returns the day."""
    raw = form.data.get(form.add_prefix(date_field)) if form.is_bound else None
    day = (read_date(raw) if isinstance(raw, str) and raw.strip() else None) or _today()
    choice = form.fields[field]
    choice.queryset = queryset.active(day)
    choice.error_messages["invalid_choice"] = NOT_VALID_ON % {"d": display(day)}
    return day


NOT_VALID_ON = gettext_lazy("Lựa chọn này không có trong danh mục áp dụng vào ngày %(d)s.")


FORM_ERRORS = 422  # a form re-rendered with its errors: HTMX swaps it (base.html's htmx config)


def render_form(
    request, template: str, context: dict, *, form: forms.Form | None = None, invalid=None
) -> HttpResponse:
    """Render a page holding a form: 200, or ``FORM_ERRORS`` when ``form`` has errors (or ``invalid``,
    for errors that sit elsewhere, is true)."""
    bad = bool(invalid) if invalid is not None else bool(form is not None and form.errors)
    return render(request, template, context, status=FORM_ERRORS if bad else 200)


def submit(request, form: forms.Form, run, rename=None):
    """Run ``run(cleaned_data)`` for a POSTed, valid form and return its result.

    Returns None for a GET, an invalid form, or when the service refuses with a ``ValidationError``;
    the service's messages then sit on the form's fields, so ``form.errors`` tells ``render_form`` to
    answer ``FORM_ERRORS``. ``rename`` maps the service's keys to fields: a dict, or a callable that makes one
    from the cleaned form (asked only when the service refuses).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return run(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc, rename() if callable(rename) else rename)
        return None


def form_response(request, form: forms.Form, run, template: str, context: dict) -> HttpResponse:
    """A page with one form: POST runs ``run(cleaned_data)`` (see ``submit``) and goes to the address
    it returns; otherwise ``template`` renders with the form and ``context`` (``FORM_ERRORS`` when
    the form has errors)."""
    target = submit(request, form, run)
    if target is not None:
        return redirect(target)
    return render_form(request, template, {"form": form, **context}, form=form)
