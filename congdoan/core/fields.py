"""Model text fields that store text one way, whoever writes it.

Every ``CharField``/``TextField`` of the project is one of these (``tests/test_text_everywhere.py``
walks every model and fails on a plain Django one): use ``fields.CharField`` where Django has
``models.CharField``, and so on. Each cleans its value with its ``cleaner`` (``core.text``):

- on save (``pre_save``: ``save()``, ``create()``, ``bulk_create``; the instance gets the clean value),
- in queries and updates (``get_prep_value``: ``filter(card_number=…)``, ``update(…)``: so an
  identifier typed another way finds the stored one),
- in ``full_clean`` (``to_python``) and the admin's forms (``formfield``),
- in ``core.bulk.insert`` (COPY and ``executemany``, which see no model), through ``clean_value``.

They deconstruct as Django's own fields: cleaning is Python, not schema, so migrations do not
change.
"""

from collections.abc import Callable

from django.db import models

from . import forms, text


class CleanedText:
    """The mixin: ``cleaner`` (a ``core.text`` function of one string) applied to every value."""

    cleaner: Callable[[str], str] = staticmethod(text.clean_line)
    form_class: type = forms.CharField  # what the admin and ModelForms get (it cleans too)

    def __init__(self, *args, cleaner: Callable[[str], str] | None = None, **kwargs):
        if cleaner is not None:
            self.cleaner = cleaner
        super().__init__(*args, **kwargs)

    def clean_value(self, value):
        """``value`` as stored: strings cleaned, anything else (None, expressions) as it is."""
        return self.cleaner(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.clean_value(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return self.clean_value(super().get_prep_value(value))

    def to_python(self, value):
        return self.clean_value(super().to_python(value))

    def formfield(self, **kwargs):
        field = super().formfield(**{"form_class": self.form_class, **kwargs})
        if isinstance(field, forms.CleanedInput):
            field.cleaner = self.cleaner
        return field

    def clone(self):
        clone = super().clone()
        clone.cleaner = self.cleaner
        return clone

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        django_field = next(c for c in type(self).__mro__ if c.__module__.startswith("django.db.models"))
        return name, f"django.db.models.{django_field.__name__}", args, kwargs


class CharField(CleanedText, models.CharField):
    """Single-line text: ``core.text.clean_line``."""


class TextField(CleanedText, models.TextField):
    """Multi-line text: ``core.text.clean_text`` (newlines kept)."""

    cleaner = staticmethod(text.clean_text)
    form_class = forms.TextField


class EmailField(CleanedText, models.EmailField):
    form_class = forms.EmailField


class SlugField(CleanedText, models.SlugField):
    form_class = forms.SlugField


class IdentifierField(CharField):
    """A card number, ID number or code: ``core.text.clean_identifier`` (width, case and spaces
    folded, ``drop`` characters removed), so two spellings of one number are one value and a
    unique constraint holds across them."""

    def __init__(self, *args, drop: str = "", **kwargs):
        kwargs.setdefault("cleaner", text.identifier_cleaner(drop))
        super().__init__(*args, **kwargs)


class PhoneField(CharField):
    """A phone number: ``core.text.phone_or_line`` (the one stored form; services refuse what is no
    phone number with a message naming the field before it gets here)."""

    cleaner = staticmethod(text.phone_or_line)
