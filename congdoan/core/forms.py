"""The base of every form: text cleaned as typed, Bootstrap classes, fields with errors marked, a
service's errors placed."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict

from . import text


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


class CleanedForm:
    """A form mixin: before validation, every value typed into the form's fields is cleaned as
    ``core.text`` says (``clean_text`` for a textarea, ``clean_line`` for any other field: names,
    codes, searches, dates, choices), except passwords and files. The cleaned values are also
    what a re-shown form displays. Every form of the project has it (``StyledForm`` does), as
    ``tests/test_text_everywhere.py`` checks."""

    def full_clean(self):
        if self.is_bound:
            self.data = self.cleaned_input(self.data)
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
    """Bootstrap classes on every widget; fields with errors (the form's or a service's) marked invalid.

    Forms that add fields in ``__init__`` call ``style()`` once the fields are all there.
    """

    def style(self) -> None:
        for field in self.fields.values():
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


def submit(request, form: forms.Form, run, rename=None):
    """Run ``run(cleaned_data)`` for a POSTed, valid form and return its result.

    Returns None for a GET, an invalid form, or when the service refuses with a ``ValidationError``;
    the service's messages then sit on the form's fields, so ``form.errors`` tells the caller to
    answer 400. ``rename`` maps the service's keys to fields: a dict, or a callable that makes one
    from the cleaned form (asked only when the service refuses).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return run(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc, rename() if callable(rename) else rename)
        return None
