"""Data people read, in the interface's language.

Labels written in code are Vietnamese msgids translated by gettext (choices, statuses, menu
entries). Labels kept as data (kinds of unit, roles, officer positions: ``core.models.Catalogue``)
carry a Vietnamese ``name`` and an English ``name_en``; ``localized`` picks between such a pair,
the one place that decides, so every page, choice list and history panel agrees.
"""

from django.utils.translation import get_language

ENGLISH = "en"


def localized(vietnamese: str, english: str = "") -> str:
    """``english`` when the active language is English and it is filled in, else ``vietnamese``
    (the source text, also for Vietnamese and any language without its own label)."""
    language = (get_language() or "").split("-")[0]
    return english if english and language == ENGLISH else vietnamese


def fill_english_names(model_label: str, names: dict[str, str]):
    """A data-migration step (``RunPython``) giving the shipped rows of a catalogue
    ("app.Model") their English names, by code; a name already filled in (by an administrator)
    is kept."""

    def fill(apps, schema_editor):
        model = apps.get_model(model_label)
        for code, english in names.items():
            model.objects.filter(code=code, name_en="").update(name_en=english)

    return fill
