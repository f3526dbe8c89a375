"""The block's reach is one rule of the policy (``emulation/permissions.py``), used by the
selectors (what is listed), the services and the pages (what is refused): a block is in sight of
the forming level and of its member units' officers; only the forming level changes it (a member's
officer: 403, anyone else: 404); a member's score is in sight of the scored unit, the level and the
year's leader, not of the other members (404)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from congdoan.core.models import AuditEntry
from congdoan.emulation import permissions, score_review, selectors, services
from congdoan.emulation.models import Block, BlockMember
from congdoan.organizations.tests.factories import make_unit

from .test_score_review import c_unit, officer_c, pts, setup  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(tree):
    from conftest import make_officer

    return make_officer("outsider", make_unit("CDCS_X", "Công đoàn cơ sở ngoài khối", tree.other))


def test_sight_is_the_same_rule_for_lists_and_single_blocks(tree, officer_a, cdvc_officer, outsider, setup):  # noqa: F811
    khoi, _sheet = setup
    for actor, sees in ((cdvc_officer, True), (officer_a, True), (outsider, False)):
        listed = Block.objects.filter(permissions.block_q(actor), pk=khoi.pk).exists()
        assert listed is sees and permissions.may_see_block(actor, khoi) is sees
        assert (khoi in selectors.block_search(actor=actor)) is sees


def test_only_the_forming_level_changes_a_block(as_, tree, officer_a, cdvc_officer, outsider, setup):  # noqa: F811
    khoi, _sheet = setup
    add = {"unit": make_unit("CDCS_D", "Công đoàn Sở Tư pháp", tree.cdvc), "valid_from": dt.date(2023, 1, 1)}
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):  # a member's officer sees the block: 403
        services.block_member_add(actor=officer_a, block=khoi, **add)
    with pytest.raises(Http404):  # out of sight: 404
        services.block_member_add(actor=outsider, block=khoi, **add)
    assert AuditEntry.objects.count() == before
    url = reverse("emulation:block_member_add", args=[khoi.pk])
    assert as_(officer_a).get(url).status_code == 403
    assert as_(outsider).get(url).status_code == 404
    assert as_(cdvc_officer).get(url).status_code == 200
    services.block_member_add(actor=cdvc_officer, block=khoi, **add)
    assert BlockMember.objects.filter(block=khoi, unit=add["unit"]).exists()


def test_a_score_out_of_sight_is_404_in_the_service_too(tree, officer_a, officer_b, officer_c, setup):  # noqa: F811
    khoi, sheet = setup  # B leads in 2022; C is a member without a role that year
    result = score_review.score_self_assess(
        actor=officer_a, block=khoi, year=2022, unit=tree.a, points=pts(sheet, 45, 50, 0, 0)
    )
    score_review.score_step(actor=officer_a, result=result, step="submit")
    with pytest.raises(Http404):
        score_review.score_step(actor=officer_c, result=result, step="accept")
    with pytest.raises(Http404):
        score_review.score_review(actor=officer_c, result=result, points=pts(sheet, 1, 50, 0, 0), reason="x")
    with pytest.raises(PermissionDenied):  # in sight (its own), not its step: 403
        score_review.score_step(actor=officer_a, result=result, step="accept")
    score_review.score_review(actor=officer_b, result=result, points=pts(sheet, 40, 50, 0, 0), reason="Đủ")
    result.refresh_from_db()
    assert (result.state, result.total) == ("reviewed", D(90))
