"""A block's own records (issue 11 §4, ``block_records``): its meetings (the flag handed at one),
its yearly plan, the end of a membership, the correction of an officer by a later decision with
the history kept; each refusal names its field in Vietnamese and writes nothing; only the forming
level writes (a member's officer 403, anyone else 404); the block's documents are read by its
members' officers (``documents.readers``), not listed in their registers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.documents import selectors as documents
from congdoan.documents.tests.factories import draft, issued
from congdoan.emulation import block_records, services
from congdoan.emulation.models import BlockMeeting, BlockMember, BlockOfficer, BlockPlan, FlagHandover
from congdoan.organizations.tests.factories import make_unit

from .factories import block

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def units(tree):
    c = make_unit("CDCS_C", "Công đoàn Sở Tài chính", tree.cdvc)
    d = make_unit("CDCS_D", "Công đoàn Sở Tư pháp", tree.cdvc)
    return [tree.a, tree.b, c, d]


@pytest.fixture
def khoi(tree, units, cdvc_officer):
    """A block of four units from 2021; 2021 leader C, 2022 leader A with deputy B; the flag of 2022
    handed from C to A on 29/03/2022."""
    k = block(tree.cdvc, units, actor=cdvc_officer)
    services.block_officers_name(actor=cdvc_officer, block=k, year=2021, leader=units[2])
    services.block_officers_name(
        actor=cdvc_officer,
        block=k,
        year=2022,
        leader=units[0],
        deputies=[units[1]],
        decision_reference="15/QĐ-CĐVC",
        decided_on=D(2022, 3, 1),
    )
    services.flag_hand_over(
        actor=cdvc_officer, block=k, year=2022, from_unit=units[2], to_unit=units[0], handed_on=D(2022, 3, 29)
    )
    return k


@pytest.fixture
def outsider(tree):
    from conftest import make_officer

    return make_officer("outsider", make_unit("CDCS_X", "Công đoàn cơ sở ngoài khối", tree.other))


def refused(call, **kwargs) -> dict:
    """The error dict of a refused service call; nothing written (no audit row)."""
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        call(**kwargs)
    assert AuditEntry.objects.count() == before
    return exc.value.message_dict


def meeting(khoi, actor, **extra):
    args = {
        "kind": "conference",
        "title": "Hội nghị khối năm 2022",
        "held_on": D(2022, 3, 29),
        "place": "Hà Nội",
    }
    return block_records.block_meeting_record(actor=actor, block=khoi, **{**args, **extra})


# -- meetings --------------------------------------------------------------------------------------


def test_a_meeting_with_its_minutes_and_the_flag_handed_there(khoi, cdvc_officer, tree):
    minutes = issued(cdvc_officer, tree.cdvc, kind_code="bien-ban", title="Biên bản hội nghị khối")
    handover = FlagHandover.objects.get(block=khoi, year=2022)
    m = meeting(khoi, cdvc_officer, minutes=minutes, handover=handover)
    handover.refresh_from_db()
    assert handover.meeting == m and m.minutes == minutes
    assert set(
        AuditEntry.objects.filter(object_id__in=[str(m.pk), str(handover.pk)]).values_list(
            "action", flat=True
        )
    ) >= {
        "block.meeting_record",
        "block.flag_meeting",
    }


def test_meeting_refusals_name_their_fields(khoi, cdvc_officer, tree, admin_user):
    handover = FlagHandover.objects.get(block=khoi, year=2022)
    record = block_records.block_meeting_record
    base = {
        "actor": cdvc_officer,
        "block": khoi,
        "kind": "conference",
        "title": "Hội nghị",
        "held_on": D(2022, 3, 29),
    }
    assert refused(record, **{**base, "title": "  "}) == {"title": ["Tên hội nghị: hãy nhập tên."]}
    assert "Loại hội nghị" in refused(record, **{**base, "kind": "party"})["kind"][0]
    assert refused(record, **{**base, "held_on": D(2020, 5, 1)}) == {
        "held_on": ["Ngày họp: 01/05/2020 ngoài thời gian hoạt động của khối."]
    }
    unissued = draft(cdvc_officer, tree.cdvc, title="Biên bản nháp")
    assert "chưa ban hành" in refused(record, **base, minutes=unissued)["minutes"][0]
    foreign = issued(admin_user, tree.other, title="Văn bản của tỉnh khác")
    assert "không do cấp lập khối" in refused(record, **base, minutes=foreign)["minutes"][0]
    assert refused(record, **{**base, "held_on": D(2022, 3, 30)}, handover=handover) == {
        "handover": ["Trao cờ luân lưu: cờ trao ngày 29/03/2022, không phải ngày họp 30/03/2022."]
    }
    assert not BlockMeeting.objects.exists()


def test_a_flag_is_tied_once_and_only_to_a_meeting_of_that_day(khoi, cdvc_officer):
    first = meeting(khoi, cdvc_officer)
    handover = FlagHandover.objects.get(block=khoi, year=2022)
    block_records.flag_meeting_set(actor=cdvc_officer, handover=handover, meeting=first)
    again = meeting(khoi, cdvc_officer, title="Phiên thứ hai")
    assert (
        "đã gắn với một hội nghị"
        in refused(block_records.flag_meeting_set, actor=cdvc_officer, handover=handover, meeting=again)[
            "handover"
        ][0]
    )
    other_day = meeting(khoi, cdvc_officer, held_on=D(2022, 6, 1), kind="midyear", title="Sơ kết")
    with pytest.raises(ValidationError) as exc:
        services.flag_hand_over(
            actor=cdvc_officer,
            block=khoi,
            year=2023,
            from_unit=None,
            to_unit=khoi.members.first().unit,
            handed_on=D(2023, 3, 1),
            meeting=other_day,
        )
    assert exc.value.message_dict["meeting"] == [
        "Hội nghị: không phải hội nghị của khối họp ngày 01/03/2023."
    ]


def test_only_the_forming_level_records_meetings(khoi, officer_a, outsider):
    with pytest.raises(PermissionDenied):  # a member's officer sees the block
        meeting(khoi, officer_a)
    with pytest.raises(Http404):
        meeting(khoi, outsider)
    assert not BlockMeeting.objects.exists()


# -- plans -----------------------------------------------------------------------------------------


def test_the_years_plan_written_by_the_leader_adopted_at_the_conference(khoi, cdvc_officer, tree):
    document = issued(cdvc_officer, tree.a, title="Kế hoạch hoạt động năm 2022 của khối")
    m = meeting(khoi, cdvc_officer)
    plan = block_records.block_plan_add(
        actor=cdvc_officer, block=khoi, year=2022, document=document, meeting=m
    )
    assert (plan.adopted_on, plan.meeting) == (D(2022, 3, 29), m)
    assert AuditEntry.objects.filter(action="block.plan_add", object_id=str(plan.pk)).exists()


def test_plan_refusals_name_their_fields(khoi, cdvc_officer, tree, officer_a, outsider):
    document = issued(cdvc_officer, tree.cdvc, title="Kế hoạch của khối")
    add = block_records.block_plan_add
    base = {"actor": cdvc_officer, "block": khoi, "year": 2022, "document": document}
    assert refused(add, **{**base, "document": None}) == {
        "document": ["Văn bản kế hoạch: hãy chọn văn bản trong sổ văn bản."]
    }
    assert refused(add, **{**base, "year": 2019}) == {"year": ["Năm: khối không hoạt động trong năm 2019."]}
    assert refused(add, **base, adopted_on=D(2023, 1, 5)) == {
        "adopted_on": ["Ngày thông qua: 05/01/2023 không thuộc năm 2022."]
    }
    m2021 = meeting(khoi, cdvc_officer, held_on=D(2021, 12, 20), kind="yearend", title="Tổng kết 2021")
    assert "năm 2022" in refused(add, **base, meeting=m2021)["meeting"][0]
    add(**base)
    assert refused(add, **base) == {"year": ["Năm: khối đã có kế hoạch năm 2022."]}
    with pytest.raises(PermissionDenied):
        add(**{**base, "actor": officer_a, "year": 2023})
    with pytest.raises(Http404):
        add(**{**base, "actor": outsider, "year": 2023})
    assert BlockPlan.objects.count() == 1


# -- the end of a membership -----------------------------------------------------------------------


def test_ending_a_membership_then_joining_again_later(khoi, cdvc_officer, units):
    member = BlockMember.objects.get(block=khoi, unit=units[3])
    block_records.block_member_end(actor=cdvc_officer, member=member, on=D(2022, 7, 1), reason="Sáp nhập")
    member.refresh_from_db()
    assert member.valid_to == D(2022, 7, 1)
    entry = AuditEntry.objects.get(action="block.member_end")
    assert entry.after == {"valid_to": "2022-07-01", "reason": "Sáp nhập"}
    with pytest.raises(ValidationError) as exc:  # twice in the same period
        services.block_member_add(actor=cdvc_officer, block=khoi, unit=units[3], valid_from=D(2022, 6, 1))
    assert "đã là thành viên của khối từ ngày 01/01/2021" in exc.value.message_dict["unit"][0]
    services.block_member_add(actor=cdvc_officer, block=khoi, unit=units[3], valid_from=D(2022, 7, 1))
    assert BlockMember.objects.filter(block=khoi, unit=units[3]).count() == 2


def test_membership_end_refusals(khoi, cdvc_officer, units, officer_a, outsider):
    end = block_records.block_member_end
    plain = BlockMember.objects.get(block=khoi, unit=units[3])
    assert refused(end, actor=cdvc_officer, member=plain, on=D(2021, 1, 1), reason="x") == {
        "on": ["Ngày thôi: phải sau ngày bắt đầu là thành viên 01/01/2021."]
    }
    assert refused(end, actor=cdvc_officer, member=plain, on=D(2022, 1, 1), reason=" ") == {
        "reason": ["Lý do: hãy ghi lý do thôi là thành viên khối."]
    }
    leader = BlockMember.objects.get(block=khoi, unit=units[0])
    assert refused(end, actor=cdvc_officer, member=leader, on=D(2022, 9, 1), reason="Giải thể") == {
        "on": [
            "Ngày thôi: Công đoàn Sở Y tế là khối trưởng năm 2022; hãy điều chỉnh khối trưởng, khối phó trước."
        ]
    }
    old_leader = BlockMember.objects.get(block=khoi, unit=units[2])  # led 2021 only: may leave in 2022
    end(actor=cdvc_officer, member=old_leader, on=D(2022, 1, 1), reason="Chuyển khối")
    assert (
        "đã thôi là thành viên từ ngày 01/01/2022"
        in refused(end, actor=cdvc_officer, member=old_leader, on=D(2022, 6, 1), reason="x")["on"][0]
    )
    with pytest.raises(PermissionDenied):
        end(actor=officer_a, member=plain, on=D(2022, 6, 1), reason="x")
    with pytest.raises(Http404):
        end(actor=outsider, member=plain, on=D(2022, 6, 1), reason="x")


# -- officer corrections ---------------------------------------------------------------------------


def test_a_later_decision_replaces_the_leader_and_the_history_stays(khoi, cdvc_officer, units, tree):
    old = BlockOfficer.objects.get(block=khoi, year=2022, role="leader")
    decision = issued(
        cdvc_officer, tree.cdvc, kind_code="quyet-dinh", title="Điều chỉnh khối trưởng", on=D(2022, 8, 1)
    )
    new = block_records.block_officers_correct(
        actor=cdvc_officer,
        officer=old,
        unit=units[3],
        on=D(2022, 8, 15),
        decision=decision,
        reason="Sáp nhập",
    )
    old.refresh_from_db()
    assert (old.valid_to, old.replaced_by) == (D(2022, 8, 15), new)
    assert (new.role, new.valid_from, new.decision_reference, new.decided_on) == (
        "leader",
        D(2022, 8, 15),
        decision.number_symbol,
        D(2022, 8, 1),
    )
    assert BlockOfficer.objects.filter(block=khoi, year=2022, role="leader").count() == 2  # both kept
    with pytest.raises(ValidationError) as exc:  # two leaders in a year stays refused
        services.block_officers_name(actor=cdvc_officer, block=khoi, year=2022, leader=units[2])
    assert "đã có khối trưởng là Công đoàn Sở Tư pháp" in exc.value.message_dict["leader"][0]
    # the replaced leader may now leave the block after its term
    member = BlockMember.objects.get(block=khoi, unit=units[0])
    block_records.block_member_end(actor=cdvc_officer, member=member, on=D(2022, 9, 1), reason="Giải thể")
    replaced = AuditEntry.objects.get(action="block.officer_replace")
    assert replaced.after == {"valid_to": "2022-08-15", "replaced_by": new.pk, "reason": "Sáp nhập"}


def test_correction_refusals_name_their_fields(khoi, cdvc_officer, units, officer_a, outsider):
    leader = BlockOfficer.objects.get(block=khoi, year=2022, role="leader")
    fix = block_records.block_officers_correct
    base = {"actor": cdvc_officer, "officer": leader, "on": D(2022, 8, 1), "decision_reference": "20/QĐ-CĐVC"}
    ok = {**base, "unit": units[3], "decided_on": D(2022, 7, 20)}
    assert refused(fix, **{**ok, "unit": units[0]}) == {"unit": ["Đơn vị thay: phải khác đơn vị được thay."]}
    assert refused(fix, **{**ok, "unit": units[1]}) == {
        "unit": ["Đơn vị thay: Công đoàn Sở Giáo dục và Đào tạo đã giữ một vai trò khác của khối năm 2022."]
    }
    assert refused(fix, **{**ok, "on": D(2023, 2, 1)}) == {
        "on": ["Từ ngày: phải trong năm 2022 và sau ngày 01/01/2022."]
    }
    assert refused(fix, **{**ok, "decision_reference": ""}) == {
        "decision_reference": ["Quyết định điều chỉnh: hãy ghi số, ký hiệu của quyết định."]
    }
    assert refused(fix, **{**ok, "decided_on": None}) == {
        "decided_on": ["Ngày quyết định: hãy nhập ngày của quyết định điều chỉnh."]
    }
    assert refused(fix, **{**ok, "decided_on": D(2022, 2, 1)}) == {
        "decided_on": ["Ngày quyết định: trước quyết định công nhận ngày 01/03/2022."]
    }
    member = BlockMember.objects.get(block=khoi, unit=units[3])
    block_records.block_member_end(actor=cdvc_officer, member=member, on=D(2022, 7, 1), reason="Sáp nhập")
    assert refused(fix, **ok) == {
        "unit": ["Đơn vị thay: Công đoàn Sở Tư pháp không phải thành viên của khối ngày 01/08/2022."]
    }
    with pytest.raises(PermissionDenied):
        fix(**{**ok, "actor": officer_a})
    with pytest.raises(Http404):
        fix(**{**ok, "actor": outsider})
    fix(**{**ok, "unit": units[2]})
    assert "đã được thay từ ngày 01/08/2022" in refused(fix, **{**ok, "unit": units[3]})["officer"][0]


# -- the block's documents read by its members' officers -------------------------------------------


def test_members_officers_read_the_blocks_documents_not_in_their_register(
    khoi, cdvc_officer, officer_b, outsider, tree, as_
):
    decision = issued(
        cdvc_officer, tree.cdvc, kind_code="quyet-dinh", title="Quyết định công nhận khối trưởng"
    )
    services.block_officers_name(
        actor=cdvc_officer,
        block=khoi,
        year=2023,
        leader=khoi.members.get(unit=tree.a).unit,
        decision=decision,
    )
    plan = issued(cdvc_officer, tree.a, title="Kế hoạch năm 2023 của khối")
    block_records.block_plan_add(actor=cdvc_officer, block=khoi, year=2023, document=plan)
    kept = draft(cdvc_officer, tree.cdvc, title="Dự thảo của cấp trên")
    from congdoan.documents import links

    links.link(document=kept, obj=khoi, role="decision")  # a draft stays its unit's
    for document in (decision, plan):
        assert documents.document_get(actor=officer_b, document_id=document.pk) == document
        with pytest.raises(Http404):
            documents.document_get(actor=outsider, document_id=document.pk)
    with pytest.raises(Http404):
        documents.document_get(actor=officer_b, document_id=kept.pk)
    register = set(documents.document_search(actor=officer_b))
    assert decision not in register and plan not in register
    linked = set(documents.document_for_link(actor=officer_b, obj=khoi))
    assert linked == {decision, plan}
    from django.urls import reverse

    assert as_(officer_b).get(reverse("documents:detail", args=[decision.pk])).status_code == 200
    assert as_(outsider).get(reverse("documents:detail", args=[decision.pk])).status_code == 404
