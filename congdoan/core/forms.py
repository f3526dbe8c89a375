"""The base of every form: Bootstrap classes, fields with errors marked, a service's errors placed."""

from django import forms
from django.core.exceptions import ValidationError


class StyledForm(forms.Form):
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
