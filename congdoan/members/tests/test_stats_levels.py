"""The statistics page shows the unit and as many whole levels below it as fit in its row limit
(``selectors.levels_shown``); the deeper units are counted in their parents' totals, named in a
note, and one click away (each row opens its unit's statistics). The whole tree's 10,000 rows were
4.9 MB of HTML."""

import re

from django.urls import reverse

from congdoan.members import selectors
from congdoan.members.tests.factories import join


def test_levels_shown_keeps_whole_levels_within_the_limit(admin_user, tree):
    rows = selectors.membership_statistics(actor=admin_user, unit=tree.root, on=selectors.today())
    assert [r.indent for r in rows] == [0, 1, 2, 3, 3, 1]  # ROOT, PROV, CDVC, A, B, OTHER
    assert selectors.levels_shown(rows, limit=6) == (rows, 0)
    kept, deeper = selectors.levels_shown(rows, limit=4)
    assert [r.indent for r in kept] == [0, 1, 2, 1] and deeper == 2
    kept, deeper = selectors.levels_shown(rows, limit=1)  # the direct sub-units at least
    assert [r.indent for r in kept] == [0, 1, 1] and deeper == 3


def test_the_page_names_the_units_left_out_and_links_each_row(client, admin_user, tree, monkeypatch):
    join(tree.a)
    join(tree.b)
    monkeypatch.setattr(selectors.levels_shown, "__defaults__", (4,))
    client.force_login(admin_user)
    body = client.get(reverse("members:stats"), {"unit": tree.root.pk}).content.decode()
    assert 'data-deeper="2"' in body
    assert f'data-unit="{tree.a.pk}"' not in body
    cdvc = re.search(rf'<tr data-unit="{tree.cdvc.pk}".*?</tr>', body, re.S).group(0)
    assert f"?unit={tree.cdvc.pk}&amp;on=" in cdvc
    assert 'data-col="members">2<' in cdvc  # A's and B's members are in their parent's total
