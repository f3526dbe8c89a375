"""Issue 9: every validation error answered 400 to an HTMX form post, which htmx does not swap. A form
re-rendered with its errors answers 422 (``core.forms.render_form``) and htmx is configured to swap 422."""

import json
import re

import pytest
from django import forms
from django.template.loader import render_to_string

from congdoan.core.forms import FORM_ERRORS, StyledForm, render_form


class _Form(StyledForm):
    name = forms.CharField()


def test_render_form_answers_200_or_422(rf):
    request = rf.post("/x/", {}, HTTP_HX_REQUEST="true")
    bad = _Form({})
    bad.is_valid()
    assert FORM_ERRORS == 422
    assert render_form(request, "core/partials/form_fields.html", {"form": bad}, form=bad).status_code == 422
    good = _Form({"name": "x"})
    good.is_valid()
    assert (
        render_form(request, "core/partials/form_fields.html", {"form": good}, form=good).status_code == 200
    )
    assert (
        render_form(request, "core/partials/form_fields.html", {"form": good}, invalid=True).status_code
        == 422
    )


def test_htmx_swaps_422_and_treats_other_errors_as_errors(rf):
    html = render_to_string("base.html", request=rf.get("/"))
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html).group(1))
    handling = config["responseHandling"]

    def first(status: str) -> dict:
        return next(h for h in handling if re.fullmatch(h["code"], status))

    assert first("422")["swap"] is True and not first("422").get("error")
    assert first("200")["swap"] is True and first("204")["swap"] is False
    for status in ("400", "403", "404", "500"):
        assert first(status)["swap"] is False and first(status)["error"] is True
    assert config["allowEval"] is False  # the CSP settings stay
    assert "{#" not in html and "responseHandling:" not in html  # the comment is not drawn


def test_no_view_answers_a_form_error_with_400():
    """The kind, not the example: a module's view that re-renders a form with ``status=400`` is not
    swapped by htmx, so the officer sees nothing. Form errors answer ``FORM_ERRORS`` everywhere."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*views.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"status\s*=\s*400\b|\belse 400\b|\b400 if\b", line)
    ]
    assert offenders == []


@pytest.mark.parametrize("typed", ["99999999999999999999", "2147483648"])
def test_a_number_too_large_for_the_database_is_a_form_error(typed):
    """Issue 8/9 kind: a count with no upper bound typed as 20 digits reached the database (a 500 on
    SQLite, an overflow on PostgreSQL). Every project form caps whole numbers at ``INTEGER_MAX``."""
    from congdoan.core.forms import INTEGER_MAX

    class Counted(StyledForm):
        count = forms.IntegerField(min_value=1)
        year = forms.IntegerField(max_value=2100)

    form = Counted({"count": typed, "year": "2024"})
    assert not form.is_valid() and list(form.errors) == ["count"]
    assert Counted({"count": str(INTEGER_MAX), "year": "2024"}).is_valid()


def test_an_amount_past_the_money_cap_is_a_form_error():
    from congdoan.core.money import MAX_VND, VndField

    class Gift(StyledForm):
        value = VndField()

    assert not Gift({"value": "999999999999999999999999"}).is_valid()
    assert Gift({"value": str(MAX_VND)}).is_valid()


def test_whole_number_messages_are_the_projects_own_words():
    """Django's Vietnamese reads "Nhập một số tổng thể." and "… bằng với 1900 ." (QA)."""
    from django import forms as django_forms

    from congdoan.core.forms import StyledForm

    class YearForm(StyledForm):
        year = django_forms.IntegerField(min_value=1900, max_value=2100)
        count = django_forms.IntegerField(error_messages={"invalid": "Số lượng phải là số."})

    form = YearForm(data={"year": "abc", "count": "x"})
    assert form.errors == {"year": ["Nhập một số nguyên."], "count": ["Số lượng phải là số."]}
    assert YearForm(data={"year": "1800", "count": "1"}).errors == {"year": ["Giá trị phải từ 1900 trở lên."]}
    assert YearForm(data={"year": "2101", "count": "1"}).errors == {
        "year": ["Giá trị không được lớn hơn 2100."]
    }
