"""Structure changes dated in the future reach the members' current unit on their day, and a
merger ends the merged units' officer positions."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from congdoan.core.dates import today
from congdoan.core.models import AuditEntry
from congdoan.members import services
from congdoan.members.maintenance import refresh_current_units
from congdoan.members.models import PositionKind
from congdoan.members.tests.factories import join
from congdoan.organizations.services import unit_merge, unit_move

LATER = today() + dt.timedelta(days=10)


def path_on(unit, on):
    return unit.version_on(on).path


def test_a_future_move_reaches_the_members_on_its_day(tree, admin_user):
    person = join(tree.a)
    before = person.unit_path
    unit_move(actor=admin_user, unit=tree.a, new_parent=tree.other, on=LATER)
    person.refresh_from_db()
    assert person.unit_path == before  # not yet
    assert refresh_current_units() == 0
    assert refresh_current_units(on=LATER) == 1
    person.refresh_from_db()
    assert person.unit_path == path_on(tree.a, LATER) != before


def test_a_future_merger_moves_the_members_on_its_day(tree, admin_user):
    person = join(tree.b)
    unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=LATER)
    person.refresh_from_db()
    assert person.unit_id == tree.b.pk
    refresh_current_units(on=LATER)
    person.refresh_from_db()
    assert (person.unit_id, person.unit_path) == (tree.a.pk, path_on(tree.a, LATER))


def test_a_merger_ends_the_merged_units_positions(tree, admin_user):
    chair = PositionKind.objects.get(code="chu-tich")
    in_b = services.position_assign(
        actor=admin_user, person=join(tree.b), position=chair, unit=tree.b, valid_from=dt.date(2022, 1, 1)
    )
    in_a = services.position_assign(
        actor=admin_user, person=join(tree.a), position=chair, unit=tree.a, valid_from=dt.date(2022, 1, 1)
    )
    unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=today())
    in_b.refresh_from_db()
    in_a.refresh_from_db()
    assert (in_b.valid_to, in_a.valid_to) == (today(), None)
    assert AuditEntry.objects.filter(action="position.end", object_id=str(in_b.pk)).exists()


def test_the_command_names_a_bad_date(db):
    with pytest.raises(CommandError, match="31/02/2026"):
        call_command("refresh_members", "--on", "31/02/2026")
