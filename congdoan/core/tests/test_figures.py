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
    # the members of the units whose workforce is recorded, over that workforce
    assert figures.get("members.rate_percent").inputs == ("members.with_workforce", "workforce.total")
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


def test_a_familys_computed_figure_needs_a_formula_and_belongs_to_no_group(monkeypatch):
    monkeypatch.setattr(figures, "FAMILIES", dict(figures.FAMILIES))
    monkeypatch.setattr(figures, "_members", {})
    rows = [
        Figure("members.toy.1.n", "n"),
        Figure(
            "members.toy.1.rate",
            "rate",
            Measure.PERCENT,
            Rollup.COMPUTED,
            ("members.toy.1.n", "members.total"),
            figures.percent,
            against_target=True,
        ),
    ]
    figures.register_family("members", prefix="members.toy.", figures=lambda: rows)
    assert (figures.get("members.toy.1.n").group, figures.get("members.toy.1.rate").group) == ("members", "")
    assert not figures.get("members.toy.1.rate").suspicious(120) and figures.get(
        "members.rate_percent"
    ).suspicious(120)
    rows.append(Figure("members.toy.2.rate", "rate", Measure.PERCENT, Rollup.COMPUTED))
    figures.forget_families()
    with pytest.raises(ImproperlyConfigured, match="members.toy.2.rate"):
        figures.get("members.toy.1.n")


def _toy_registry(monkeypatch):
    """A tree of four units (1 > 2 > 3, 1 > 4) and one group: a SUM and an OWN_OR_SUM figure."""
    from congdoan.core.rollup import UnitNode

    monkeypatch.setattr(figures, "FIGURES", dict(figures.FIGURES))
    monkeypatch.setattr(figures, "GROUPS", dict(figures.GROUPS))
    monkeypatch.setattr(figures, "_tree", list(figures._tree))
    nodes = [
        UnitNode(1, "A", "k", "1/", 0),
        UnitNode(2, "B", "k", "1/2/", 1),
        UnitNode(3, "C", "k", "1/2/3/", 2),
        UnitNode(4, "D", "k", "1/4/", 1),
    ]
    figures.register_tree(
        figures.Tree(
            nodes=lambda unit_id, as_of: nodes,
            can=lambda *args: True,
            require=lambda *args: None,
            paths=lambda unit_id, as_of: {n.id: n.path for n in nodes},
        )
    )
    own = {1: {"toy.n": 1}, 2: {"toy.n": 10, "toy.staff": 50}, 3: {"toy.n": 100, "toy.staff": 7}}
    figures.register_group(
        "toy",
        permission="members.view",
        compute=lambda query: {
            u: {k: v for k, v in values.items() if k in query.names} for u, values in own.items()
        },
        figures=[Figure("toy.n", "n"), Figure("toy.staff", "staff", rule=Rollup.OWN_OR_SUM)],
    )
    figures.register_computed(
        Figure(
            "toy.rate",
            "rate",
            Measure.PERCENT,
            Rollup.COMPUTED,
            inputs=("toy.n", "toy.staff"),
            formula=figures.percent,
        )
    )


def test_rows_and_compute_agree_with_or_without_a_computed_figure(monkeypatch):
    """``rows`` skips working out computed figures when none is asked (a shortcut taken for 10,000
    units): the totals are the same either way and each row's own values are its own dict."""
    from congdoan.core.periods import Period

    _toy_registry(monkeypatch)
    ask = {"actor": None, "unit_id": 1, "period": Period.year(2025), "as_of": Period.year(2025).end}
    plain = figures.rows(names=["toy.n", "toy.staff"], **ask)
    full = figures.rows(names=["toy.rate"], **ask)
    totals = {r.unit.id: (r.total["toy.n"], r.total["toy.staff"]) for r in plain}
    assert totals == {1: (111, 50), 2: (110, 50), 3: (100, 7), 4: (0, None)}
    assert {r.unit.id: (r.total["toy.n"], r.total["toy.staff"]) for r in full} == totals
    assert [r.total["toy.rate"] for r in full] == [222, 220, 1429, None]
    assert [r.indent for r in plain] == [0, 1, 2, 1]
    assert plain[3].own == {"toy.n": 0, "toy.staff": None}  # a unit without values of its own
    assert len({id(r.own) for r in plain}) == len(plain)  # no row shares its dict with another
    assert figures.compute(names=["toy.n", "toy.staff", "toy.rate"], **ask) == {
        "toy.n": 111,
        "toy.staff": 50,
        "toy.rate": 222,
    }
