"""The figures registry (core.figures): what the installed apps register, the catalogue's names,
units and roll-up rules, percentages rounded half up, and registration mistakes refused."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from congdoan.core import figures
from congdoan.core.figures import Figure, Measure, Rollup


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, 13), (1, 3, 33), (2, 3, 67), (1, 200, 1), (1, 201, 0), (11, 10, 110), (0, 5, 0), (3, 0, None)],
)
def test_percent_is_an_integer_rounded_half_up(part, whole, expected):
    assert figures.percent(part, whole) == expected


def test_percent_without_a_figure_is_none():
    assert figures.percent(None, 5) is None and figures.percent(5, None) is None


@pytest.mark.django_db  # the families' figures are read from their catalogues
def test_the_catalogue_has_the_dashboard_figures_with_their_units_and_rules():
    got = {f.name: (f.measure, f.rule, f.group) for f in figures.catalogue()}
    assert {
        "members.total": (Measure.PEOPLE, Rollup.SUM, "members"),
        "members.female": (Measure.PEOPLE, Rollup.SUM, "members"),
        "members.joined": (Measure.PEOPLE, Rollup.SUM, "members"),
        "members.left": (Measure.PEOPLE, Rollup.SUM, "members"),
        "workforce.total": (Measure.PEOPLE, Rollup.OWN_OR_SUM, "workforce"),
        "members.rate_percent": (Measure.PERCENT, Rollup.COMPUTED, ""),
        "units.grassroots": (Measure.UNITS, Rollup.SUM, "units"),
    }.items() <= got.items()
    assert figures.get("members.rate_percent").inputs == ("members.total", "workforce.total")
    assert all(str(f.label) for f in figures.catalogue())


def test_an_unknown_figure_is_named():
    with pytest.raises(figures.UnknownFigure, match="members.nobody"):
        figures.get("members.nobody")


def test_registration_mistakes_are_refused(monkeypatch):
    monkeypatch.setattr(figures, "FIGURES", dict(figures.FIGURES))
    monkeypatch.setattr(figures, "GROUPS", dict(figures.GROUPS))
    with pytest.raises(ImproperlyConfigured, match="twice"):
        figures.register_group(
            "members.again", permission="members.view", compute=dict, figures=[Figure("members.total", "x")]
        )
    with pytest.raises(ImproperlyConfigured, match="twice"):
        figures.register_group("members", permission="members.view", compute=dict, figures=[])
    with pytest.raises(ImproperlyConfigured, match="register_computed"):
        figures.register_group(
            "x",
            permission="members.view",
            compute=dict,
            figures=[Figure("x.rate", "x", rule=Rollup.COMPUTED)],
        )
    with pytest.raises(ImproperlyConfigured, match="inputs and a formula"):
        figures.register_computed(Figure("x.rate", "x", Measure.PERCENT, Rollup.COMPUTED))
    with pytest.raises(figures.UnknownFigure):
        figures.register_computed(
            Figure("x.rate", "x", Measure.PERCENT, Rollup.COMPUTED, ("x.none",), figures.percent)
        )
    with pytest.raises(Exception, match="nobody.declared"):
        figures.register_group("y", permission="nobody.declared", compute=dict, figures=[])
