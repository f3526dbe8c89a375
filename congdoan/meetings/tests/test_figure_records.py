"""``conferences.*`` and ``dialogues.*`` lead to the units they count (issue 15 §3): the compliance
page's list of the units of the subtree due to hold the conference, or of those that held it."""

import datetime as dt

import pytest

from congdoan.core.periods import Period
from congdoan.core.tests.records import check_records

from ..models import ConferenceKind
from ..selectors import figure_names
from .factories import conference, duty

pytestmark = pytest.mark.django_db


def test_the_units_listed_are_those_counted(client, tree, admin_user, cdvc_officer):
    conference(tree.a, admin_user)  # 22/02/2024
    conference(tree.b, admin_user, held_on=dt.date(2024, 9, 1))  # after the date read
    duty(tree.b, admin_user, ConferenceKind.DIALOGUE)
    conference(tree.b, admin_user, kind=ConferenceKind.DIALOGUE, held_on=dt.date(2024, 3, 1))
    names = [name for kind in ConferenceKind for name in figure_names(kind)[:2]]
    checked = check_records(
        client,
        cdvc_officer,
        names=names,
        unit_ids=(tree.cdvc.pk, tree.a.pk, tree.b.pk),
        period=Period.year(2024),
        as_of=dt.date(2024, 6, 30),
        listed=lambda name, response: len(response.context["units"]),
    )
    assert ("conferences.cbccvc.held", tree.cdvc.pk, 1) in checked
    assert ("conferences.cbccvc.expected", tree.cdvc.pk, 2) in checked
