"""Permissions of the welfare module (``welfare.*``; default grants in migration 0002) and its rule on
personal data.

Support for sickness, an accident, hardship or a policy family says something about a person's health
and circumstances: personal data under Decree 13/2023/NĐ-CP. Who the beneficiary of such a case is
(name, relation, note) is shown, exported and answered by the API only under the register's rule,
``members.view_personal`` (``members/permissions.py``): over the member's current unit, or over the
deciding unit for someone outside the register. Kinds that are personal are data (``SupportKind.personal``).
The candidates (members flagged in hardship or of a policy family) are personal data as a whole.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from congdoan.core.permissions import permission
from congdoan.members.permissions import personal_reach, personal_unit_rule

VIEW = permission("welfare.view", _("Xem công tác chăm lo, hỗ trợ đoàn viên"))
MANAGE = permission("welfare.manage", _("Ghi hỗ trợ, chương trình chăm lo, nhà tình nghĩa"))


def beneficiary_rule(actor, cases=()) -> Callable[[object], bool]:
    """``rule(case)``: whether ``actor`` may see who ``case`` supported (one reach for a whole page;
    the case's ``person`` must be loaded with it). ``cases``: the rows it will be asked about, whose
    deciding units (for someone outside the register) are then read in one query, not one per unit."""
    reach, by_unit = personal_reach(actor), personal_unit_rule(actor)
    asked = {c.unit_id for c in cases if c.kind.personal and c.person_id is None}
    covered = reach.covers_units(asked)

    def visible(case) -> bool:
        if not case.kind.personal:
            return True
        if case.person_id is not None:
            return reach.covers(case.person.unit_path)
        return case.unit_id in covered if case.unit_id in asked else by_unit(case.unit_id)

    return visible
