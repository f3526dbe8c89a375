"""The API catalogue carries each form's bonus multiples and the rules with their validity dates."""

import pytest

pytestmark = pytest.mark.django_db


def test_catalogue_lists_multiples_and_rules_with_dates(call, officer_a):
    response = call(officer_a, "GET", "/awards/catalogue")
    assert response.status_code == 200
    rows = {r["code"]: r for r in response.json()}
    bk = rows["bk-ldld"]
    assert {(m["recipient"], m["multiple"], m["valid_from"]) for m in bk["multiples"]} >= {
        ("individual", 1.5, "2025-07-01"),
        ("collective", 3.0, "2025-07-01"),
    }
    knc = {r["rule"]: r for r in rows["knc"]["rules"]}
    assert knc["service_years"]["params"]["years"] == 20 and knc["service_years"]["valid_from"]
    assert "not_under_discipline" in {r["rule"] for r in rows["chien-si-thi-dua-co-so"]["rules"]}


def test_catalogue_does_not_grow_with_rules(call, officer_a):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from congdoan.awards.models import EligibilityRule

    call(officer_a, "GET", "/awards/catalogue")
    counts = []
    for i in range(2):
        with CaptureQueriesContext(connection) as ctx:
            assert call(officer_a, "GET", "/awards/catalogue").status_code == 200
        counts.append(len(ctx.captured_queries))
        for j in range(3):
            EligibilityRule.objects.create(
                rule="council_vote",
                target="bk-ldld",
                params={"percent": 80},
                valid_from=dt.date(2030 + i, 1, 1 + j),
            )
    assert counts[0] == counts[1]
