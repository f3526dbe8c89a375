"""One rule for counts, percentages and money (core.numbers, the ``formats`` filters): dots
between thousands and a comma before decimals, in Vietnamese and in English."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from congdoan.core.numbers import format_decimal, format_number, format_percent, format_ratio, over_full


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (999, "999"), (1863, "1.863"), (20000, "20.000"), (1_234_567, "1.234.567"), (-1234, "-1.234")],
)
def test_counts_have_dots_between_thousands(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (1104.84, 1, "1.104,8"),
        (94.25, 1, "94,3"),  # half up, not banker's rounding
        (Decimal("0.05"), 1, "0,1"),
        (12.5, 0, "13"),
        (1234.5678, 2, "1.234,57"),
        (-0.04, 1, "0,0"),
    ],
)
def test_decimals_have_a_comma(value, places, text):
    assert format_decimal(value, places) == text


def test_percentages_ratios_and_nothing():
    assert format_percent(94.2) == "94,2\u00a0%"
    assert format_percent(1104.8) == "1.104,8\u00a0%"
    assert format_percent(45, 0) == "45\u00a0%"
    assert format_ratio(1863, 1863) == "1.863/1.863"
    assert format_ratio(1863, 20000) == "1.863/20.000"
    assert format_ratio(12, None) == "12"
    assert format_number(None) == format_percent(None) == ""
    with pytest.raises(TypeError):
        format_number("1863")


def test_over_a_hundred_percent_is_over_full():
    assert over_full(100.1) and over_full(1104.8)
    assert not over_full(100) and not over_full(94.2) and not over_full(None)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_filters_read_the_same_in_both_languages(language):
    template = Template(
        "{% load formats %}{{ n|number }}|{{ done|ratio:total }}|{{ rate|percent }}|{{ bar|percent:0 }}|{{ a|vnd }}"
    )
    context = Context({"n": 20000, "done": 1863, "total": 1863, "rate": 94.2, "bar": 45, "a": 1_250_000})
    with translation.override(language):
        out = template.render(context)
        # Django's own localisation agrees (config/formats/<lang>/formats.py).
        assert formats.number_format(1104.8, 1, force_grouping=True) == "1.104,8"
    assert out == "20.000|1.863/1.863|94,2\u00a0%|45\u00a0%|1.250.000\u00a0đ"


@pytest.mark.parametrize(
    ("language", "note"),
    [("vi", "Trên 100 %: hãy kiểm tra lại số liệu."), ("en", "Over 100 %: check the figures.")],
)
def test_a_rate_over_a_hundred_is_flagged(language, note):
    template = Template("{% load formats %}{{ rate|percent }}")
    with translation.override(language):
        out = template.render(Context({"rate": 1104.8}))
    assert "1.104,8\u00a0%" in out
    assert "1104,8" not in out
    assert 'class="badge text-bg-warning"' in out and "data-over-full" in out
    assert f'title="{note}"' in out


def test_not_a_number_is_shown_unchanged():
    template = Template("{% load formats %}{{ x|percent }}|{{ x|number }}|{{ t|ratio:none }}")
    assert template.render(Context({"x": None, "t": "—", "none": None})) == "None|None|—"


def test_a_whole_percent_shows_no_false_decimal():
    """57/58 units stored as the whole percent 98 showed "98,0 %" (a precision it does not have)."""

    template = Template("{% load formats %}{{ whole|percent }}|{{ real|percent }}|{{ whole|percent:1 }}")
    assert template.render(Context({"whole": 98, "real": 98.28})) == "98\u00a0%|98,3\u00a0%|98,0\u00a0%"
