"""Emulation blocks (issue 11 §4): dated membership, one leader and at most the block's deputies a
year among its members, the rotating flag from its holder to the year's leader, the pledge signed
by members; the block's own reach; bad input named on the field, nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.core.models import AuditEntry
from congdoan.emulation import services
from congdoan.emulation.models import BlockMember, BlockOfficer, FlagHandover, Pledge
from congdoan.emulation.selectors import block_search, registration_search
from congdoan.organizations.tests.factories import make_unit

from .factories import block, movement, registration

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def units(tree):
    """Four grassroots unions under the CĐVC of the tree (a and b are two of them)."""
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    d = make_unit("CDCS_D", "Công đoàn Sở Tư pháp", tree.cdvc)
    return [tree.a, tree.b, c, d]


@pytest.fixture
def khoi(tree, units, cdvc_officer):
    return block(tree.cdvc, units, actor=cdvc_officer)


def test_a_unit_twice_in_the_same_period_is_refused(tree, khoi, units, cdvc_officer):
    with pytest.raises(ValidationError) as exc:
        services.block_member_add(actor=cdvc_officer, block=khoi, unit=units[0], valid_from=D(2022, 1, 1))
    assert exc.value.message_dict == {
        "unit": ["Đơn vị thành viên: Công đoàn Sở Y tế đã là thành viên của khối từ ngày 01/01/2021."]
    }
    assert BlockMember.objects.filter(unit=units[0]).count() == 1


def test_a_member_must_be_under_the_forming_level(tree, khoi, cdvc_officer, admin_user):
    with pytest.raises(ValidationError) as exc:
        services.block_member_add(actor=admin_user, block=khoi, unit=tree.other, valid_from=D(2022, 1, 1))
    assert exc.value.message_dict["unit"] == [
        "Đơn vị thành viên: Liên đoàn Lao động tỉnh B không thuộc Công đoàn Viên chức tỉnh A, đơn vị thành lập khối."
    ]


def test_leader_and_deputies_of_a_year(khoi, units, cdvc_officer):
    services.block_officers_name(
        actor=cdvc_officer,
        block=khoi,
        year=2022,
        leader=units[0],
        deputies=units[1:3],
        decision_reference="15/QĐ-CĐVC",
    )
    roles = sorted(BlockOfficer.objects.filter(year=2022).values_list("role", "unit_id"))
    assert roles == sorted([("leader", units[0].pk), ("deputy", units[1].pk), ("deputy", units[2].pk)])
    assert AuditEntry.objects.filter(action="block.officer_name").count() == 3


def test_two_leaders_in_one_year_are_refused(khoi, units, cdvc_officer):
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=units[0])
    with pytest.raises(ValidationError) as exc:
        services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=units[1])
    assert exc.value.message_dict == {
        "leader": ["Khối trưởng: năm 2022 khối đã có khối trưởng là Công đoàn Sở Y tế."]
    }
    assert BlockOfficer.objects.count() == 1


def test_a_leader_or_deputy_must_be_a_member_that_year(tree, khoi, units, cdvc_officer):
    late = make_unit("CDCS_E", "Công đoàn Sở Nội vụ", tree.cdvc)
    services.block_member_add(actor=cdvc_officer, block=khoi, unit=late, valid_from=D(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=late, deputies=[late])
    assert exc.value.message_dict == {
        "leader": ["Khối trưởng: Công đoàn Sở Nội vụ không phải thành viên của khối năm 2022."],
        "deputies": ["Khối phó: Công đoàn Sở Nội vụ không phải thành viên của khối năm 2022."],
    }
    with pytest.raises(ValidationError) as exc:
        services.block_officers_name(
            actor=cdvc_officer, block=khoi, year=2022, leader=units[0], deputies=units[1:4]
        )
    assert exc.value.message_dict == {"deputies": ["Khối phó: khối có nhiều nhất 2 khối phó mỗi năm."]}
    assert not BlockOfficer.objects.exists()


def test_the_flag_goes_from_its_holder_to_the_years_leader(khoi, units, cdvc_officer):
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2021, leader=units[3])
    services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=units[0])
    assert services.flag_holder(khoi, 2022) == units[3]  # no handover yet: last year's leader holds it
    with pytest.raises(ValidationError) as exc:
        services.flag_hand_over(
            actor=cdvc_officer,
            block=khoi,
            year=2022,
            from_unit=units[1],
            to_unit=units[2],
            handed_on=D(2022, 3, 29),
        )
    assert exc.value.message_dict == {
        "to_unit": ["Đơn vị nhận: cờ luân lưu trao cho khối trưởng năm 2022 là Công đoàn Sở Y tế."],
        "from_unit": [
            "Đơn vị trao: Công đoàn Sở Giáo dục và Đào tạo không giữ cờ luân lưu; cờ đang ở Công đoàn Sở Tư pháp."
        ],
    }
    assert not FlagHandover.objects.exists()
    services.flag_hand_over(
        actor=cdvc_officer,
        block=khoi,
        year=2022,
        from_unit=units[3],
        to_unit=units[0],
        handed_on=D(2022, 3, 29),
    )
    assert services.flag_holder(khoi, 2023) == units[0]


def test_the_pledge_is_signed_by_members(tree, khoi, units, cdvc_officer):
    pledge = services.pledge_sign(
        actor=cdvc_officer,
        block=khoi,
        year=2022,
        title="Giao ước thi đua năm 2022",
        signed_on=D(2022, 3, 29),
        parties=units,
    )
    assert pledge.parties.count() == 4
    with pytest.raises(ValidationError) as exc:
        services.pledge_sign(
            actor=cdvc_officer,
            block=khoi,
            year=2022,
            title="X",
            signed_on=D(2021, 3, 29),
            parties=[tree.cdvc],
        )
    assert exc.value.message_dict == {
        "parties": ["Các bên ký: Công đoàn Viên chức tỉnh A không phải thành viên của khối năm 2022."],
        "signed_on": ["Ngày ký: 29/03/2021 không thuộc năm 2022."],
    }
    assert Pledge.objects.count() == 1


def test_a_member_sees_the_block_but_not_the_other_members_registers(tree, khoi, officer_a, officer_b):
    """The block's own reach: officer_a (CĐCS A, a member) sees the block; B's registrations stay hidden."""
    assert list(block_search(actor=officer_a)) == [khoi]
    registration(movement(tree.cdvc), tree.b, actor=officer_b)
    assert not registration_search(actor=officer_a).exists()
    outsider = make_unit("CDCS_X", "Công đoàn Sở Xây dựng", tree.cdvc)
    from congdoan.organizations.tests.factories import UserFactory, grant

    other = UserFactory(username="officer_x", home_unit=outsider)
    grant(other, outsider, "chu-tich")
    assert not block_search(actor=other).exists()
