"""Rules of programmes and missions, and each bad input: a Vietnamese message naming the field, nothing
written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.organizations.tests.factories import make_unit
from congdoan.plans import selectors, services
from congdoan.plans.models import ContentArea, Gift, Host, Mission, MissionMember, Programme, Visit

from . import factories
from .factories import END, START

pytestmark = pytest.mark.django_db


def _refused(call, field: str) -> str:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        call()
    assert AuditEntry.objects.count() == before
    assert field in caught.value.message_dict, caught.value.message_dict
    return " ".join(caught.value.message_dict[field])


def test_mission_create_records_head_and_members(survey, cdvc_officer):
    mission = survey.mission
    assert [(m.position_id, m.is_head) for m in mission.members.all()] == [
        (survey.head.pk, True),
        (survey.member.pk, False),
    ]
    entry = AuditEntry.objects.get(action="mission.create")
    assert entry.actor == cdvc_officer and entry.after["head"] == "Phó Chủ tịch — Trần Thị Trưởng Đoàn"


def test_visit_outside_the_mission_dates_is_refused(survey, tree, cdvc_officer):
    for day in (START - dt.timedelta(days=1), END + dt.timedelta(days=1)):
        message = _refused(
            lambda day=day: services.visit_add(
                actor=cdvc_officer, mission=survey.mission, unit=tree.a, on=day
            ),
            "on",
        )
        assert message.startswith("Ngày làm việc:")
        assert "nằm ngoài thời gian của đoàn (19/07/2022 – 24/07/2022)" in message
    assert not Visit.objects.exists()


def test_visit_on_the_first_and_last_day_is_accepted(survey, tree, cdvc_officer):
    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.a, on=START)
    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.b, on=END)
    assert survey.mission.visits.count() == 2


def test_visit_to_a_unit_not_existing_on_the_day_is_refused(survey, cdvc_officer):
    message = _refused(
        lambda: services.visit_add(
            actor=cdvc_officer, mission=survey.mission, unit=survey.late, on=dt.date(2022, 7, 20)
        ),
        "unit",
    )
    assert message == "Đơn vị đến làm việc: Công đoàn Trường mới không tồn tại vào ngày 20/07/2022."
    assert not Visit.objects.exists()


def test_member_not_an_officer_in_scope_is_refused(survey, tree, cdvc_officer):
    plan = factories.issued(tree.cdvc, number=93)
    message = _refused(
        lambda: factories.mission(
            tree.cdvc, actor=cdvc_officer, head=survey.head, members=[survey.outsider], plan=plan
        ),
        "members",
    )
    assert message.startswith("Thành viên đoàn: Phạm Văn Ngoài không phải cán bộ công đoàn của")
    assert "(19/07/2022 – 24/07/2022)" in message
    assert Mission.objects.count() == 1


def test_head_whose_position_began_after_the_start_is_refused(tree, cdvc_officer):
    late_head = factories.officer(tree.a, tree.cdvc, since=dt.date(2022, 7, 21))
    plan = factories.issued(tree.cdvc)
    message = _refused(
        lambda: factories.mission(tree.cdvc, actor=cdvc_officer, head=late_head, plan=plan), "head"
    )
    assert message.startswith("Trưởng đoàn: ")
    assert not Mission.objects.exists()


def test_member_added_later_is_checked_too(survey, cdvc_officer):
    message = _refused(
        lambda: services.mission_member_add(
            actor=cdvc_officer, mission=survey.mission, position=survey.outsider
        ),
        "position",
    )
    assert message.startswith("Thành viên đoàn: Phạm Văn Ngoài")
    assert MissionMember.objects.count() == 2


def test_mission_dates_may_not_move_away_from_its_visits(survey, tree, cdvc_officer):
    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.a, on=dt.date(2022, 7, 23))
    message = _refused(
        lambda: services.mission_update(
            actor=cdvc_officer, mission=survey.mission, ends_on=dt.date(2022, 7, 22)
        ),
        "starts_on",
    )
    assert "23/07/2022" in message
    services.mission_update(actor=cdvc_officer, mission=survey.mission, title="Đoàn khảo sát đổi tên")
    assert Mission.objects.get().title == "Đoàn khảo sát đổi tên"


def test_a_draft_plan_is_refused(tree, cdvc_officer):
    from congdoan.documents.models import DocumentKind
    from congdoan.documents.services import document_create

    draft = document_create(
        actor=cdvc_officer, unit=tree.cdvc, kind=DocumentKind.objects.get(code="ke-hoach"), title="Dự thảo"
    )
    head = factories.officer(tree.a, tree.cdvc)
    message = _refused(
        lambda: factories.mission(tree.cdvc, actor=cdvc_officer, head=head, plan=draft), "plan"
    )
    assert message.startswith("Kế hoạch: ")


def test_a_plan_that_is_not_a_ke_hoach_is_refused(tree, cdvc_officer):
    """A mission works under a kế hoạch: a resolution or a report is refused (and not offered)."""
    resolution = factories.issued(tree.cdvc, kind="nghi-quyet", title="Nghị quyết hội nghị")
    head = factories.officer(tree.a, tree.cdvc)
    message = _refused(
        lambda: factories.mission(tree.cdvc, actor=cdvc_officer, head=head, plan=resolution), "plan"
    )
    assert message == f"Kế hoạch: văn bản {resolution.number_symbol} không phải là kế hoạch."
    plan = factories.issued(tree.cdvc)
    assert list(selectors.document_choices(actor=cdvc_officer, kind="ke-hoach")) == [plan]


def test_gifts_are_integer_dong(survey, cdvc_officer):
    house = services.gift_add(
        actor=cdvc_officer, mission=survey.mission, kind=Gift.Kind.HOUSE, count=1, unit_value=60_000_000
    )
    gifts = services.gift_add(
        actor=cdvc_officer, mission=survey.mission, kind=Gift.Kind.GIFT, count=30, unit_value=1_000_000
    )
    assert (house.amount, gifts.amount) == (60_000_000, 30_000_000)
    assert _refused(
        lambda: services.gift_add(
            actor=cdvc_officer, mission=survey.mission, kind="gift", count=0, unit_value=1
        ),
        "count",
    ).startswith("Số lượng:")


def test_officer_of_another_province_cannot_write(survey, tree, officer_other):
    with pytest.raises(Http404):
        services.visit_add(actor=officer_other, mission=survey.mission, unit=tree.a, on=START)


def test_finding_and_report(survey, tree, cdvc_officer):
    with pytest.raises(ValidationError) as caught:
        services.report_issue(
            actor=cdvc_officer,
            mission=survey.mission,
            signed_on=dt.date(2022, 7, 29),
            signer_name="A",
            signer_position="B",
        )
    assert "report" in caught.value.message_dict
    visit = services.visit_add(
        actor=cdvc_officer,
        mission=survey.mission,
        unit=tree.a,
        on=dt.date(2022, 7, 20),
        hosts=[
            ("Võ Văn Đón", "Chủ tịch", "Công đoàn Sở Y tế"),  # tree.a: of the unit visited
            ("Lê Thị Chủ", "Phó Chủ tịch", ""),
        ],
    )
    assert {h.visit for h in Host.objects.all()} == {visit}
    services.finding_add(
        actor=cdvc_officer,
        mission=survey.mission,
        area=ContentArea.objects.get(code="an-sinh-xa-hoi"),
        results="Thăm hỏi kịp thời.",
        proposals="Duy trì.",
    )
    assert _refused(
        lambda: services.report_issue(
            actor=cdvc_officer,
            mission=survey.mission,
            signed_on=dt.date(2022, 7, 23),
            signer_name="A",
            signer_position="B",
        ),
        "signed_on",
    ).startswith("Ngày ký:")
    mission = services.report_issue(
        actor=cdvc_officer,
        mission=survey.mission,
        signed_on=dt.date(2022, 7, 29),
        signer_name="Trần Thị Trưởng Đoàn",
        signer_position="Phó Chủ tịch",
    )
    report = mission.report
    assert report.status == "issued" and report.number_symbol.split("/")[1].startswith("BC-")
    assert "Thăm hỏi kịp thời." in report.body and "Võ Văn Đón" in report.body
    # Only the parts with something recorded, numbered in order; a host of the visited unit is
    # named without repeating it.
    headings = [line for line in report.body.splitlines() if line[:1] in "IV" and ". " in line[:5]]
    assert headings == [
        "I. CÁC BUỔI LÀM VIỆC",
        "II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP",
        "III. ĐỀ XUẤT NỘI DUNG PHỐI HỢP THỜI GIAN TỚI",
    ]
    visit_line = next(line for line in report.body.splitlines() if line.startswith("- Ngày 20/07/2022"))
    assert visit_line == (
        "- Ngày 20/07/2022: Công đoàn Sở Y tế; đón tiếp đoàn: Võ Văn Đón, Chủ tịch; Lê Thị Chủ, Phó Chủ tịch."
    )
    with pytest.raises(ValidationError):
        services.report_issue(
            actor=cdvc_officer,
            mission=mission,
            signed_on=dt.date(2022, 7, 30),
            signer_name="A",
            signer_position="B",
        )


# -- who sees a mission --------------------------------------------------------------------------


def test_visibility(survey, tree, cdvc_officer, officer_a, officer_b, officer_other):
    mission = survey.mission
    assert list(selectors.mission_search(actor=cdvc_officer)) == [mission]  # the organising unit
    assert not selectors.mission_search(actor=officer_a).exists()
    services.visit_add(actor=cdvc_officer, mission=mission, unit=tree.a, on=START)
    assert list(selectors.mission_search(actor=officer_a)) == [mission]  # a unit visited
    assert not selectors.mission_search(actor=officer_b).exists()  # a sibling not visited
    with pytest.raises(Http404):
        selectors.mission_get(actor=officer_other, mission_id=mission.pk)
    MissionMember.objects.filter(pk=mission.members.get(is_head=True).pk).update(account=officer_other)
    assert selectors.mission_get(actor=officer_other, mission_id=mission.pk) == mission  # a member


def test_a_unit_merged_away_is_read_through_its_successor(survey, tree, cdvc_officer, admin_user):
    """The 2025 mergers: the survivor's officers read the missions that visited the merged unit."""
    from congdoan.organizations.services import unit_merge
    from congdoan.organizations.tests.factories import UserFactory, grant

    services.visit_add(actor=cdvc_officer, mission=survey.mission, unit=tree.b, on=START)
    unit_merge(actor=admin_user, survivor=tree.a, merged=[tree.b], on=dt.date(2025, 7, 1))
    reader = UserFactory(username="survivor_reader", home_unit=tree.a)
    grant(reader, tree.a, "can-bo-van-phong", on=dt.date(2025, 7, 1))
    assert list(selectors.mission_search(actor=reader)) == [survey.mission]


# -- programmes ----------------------------------------------------------------------------------


def test_programme_between_a_national_union_and_a_province(tree, admin_user):
    from congdoan.organizations.tests.factories import UserFactory, grant

    national = make_unit("NATIONAL", "Công đoàn Viên chức Việt Nam", tree.root, kind="cd-nganh-tw")
    prov2 = make_unit("PROV2", "Liên đoàn Lao động tỉnh C", tree.root, kind="ldld-tinh")
    make_unit(
        "CDVC2", "Công đoàn Viên chức tỉnh C", prov2, kind="cd-cap-tren-co-so", guidance_parent=national
    )
    officer = UserFactory(username="national_officer", home_unit=national)
    grant(officer, national, "chu-tich")
    areas = list(ContentArea.objects.order_by("order")[:2])
    document = factories.issued(national, kind="chuong-trinh-phoi-hop", on=dt.date(2021, 7, 15))
    programme = services.programme_create(
        actor=officer,
        unit=national,
        title="Chương trình phối hợp",
        document=document,
        parties=[prov2],
        areas=areas,
        valid_from=dt.date(2021, 7, 15),
    )
    assert set(programme.parties.values_list("code", flat=True)) == {"NATIONAL", "PROV2"}
    assert list(selectors.programme_search(actor=officer)) == [programme]
    with pytest.raises(Http404):  # a province the union has no link with
        services.programme_create(
            actor=officer,
            unit=national,
            title="X",
            document=document,
            parties=[tree.other],
            areas=areas,
            valid_from=dt.date(2021, 7, 15),
        )
    message = _refused(
        lambda: services.programme_create(
            actor=officer,
            unit=national,
            title="X",
            document=document,
            parties=[],
            areas=areas,
            valid_from=dt.date(2021, 7, 15),
        ),
        "parties",
    )
    assert message == "Các bên phối hợp: cần ít nhất hai đơn vị."
    assert Programme.objects.count() == 1


# -- a programme edited --------------------------------------------------------------------------


def test_programme_update_changes_the_fields_and_audits_before_and_after(pact, tree, cdvc_officer):
    from congdoan.documents import links

    areas = list(ContentArea.objects.order_by("order")[2:3])
    document = factories.issued(tree.cdvc, kind="chuong-trinh-phoi-hop", title="Chương trình ký lại")
    old_document = pact.document
    services.programme_update(
        actor=cdvc_officer,
        programme=pact,
        title="Chương trình phối hợp đổi tên",
        document=document,
        parties=[tree.a, tree.b],
        areas=areas,
        valid_to=dt.date(2026, 7, 15),
    )
    pact = Programme.objects.get()
    assert (pact.title, pact.document, pact.valid_to) == (
        "Chương trình phối hợp đổi tên",
        document,
        dt.date(2026, 7, 15),
    )
    assert set(pact.parties.values_list("code", flat=True)) == {"CDVC", "CDCS_A", "CDCS_B"}
    assert list(pact.areas.all()) == areas
    entry = AuditEntry.objects.get(action="programme.update")
    assert entry.actor == cdvc_officer
    assert entry.before["title"] == "Chương trình phối hợp thử"
    assert entry.after["title"] == "Chương trình phối hợp đổi tên"
    assert entry.after["document"] == document.pk and entry.after["valid_to"] == "2026-07-15"
    assert "Công đoàn Sở Giáo dục và Đào tạo" in entry.after["parties"]
    assert entry.after["areas"] == [areas[0].name]
    assert "valid_from" not in entry.after  # unchanged: not recorded
    assert list(links.documents_of(pact, "signing")) == [document]
    assert not links.documents_of(pact, "signing").filter(pk=old_document.pk).exists()


def test_programme_update_of_one_field_keeps_the_others(pact, tree, cdvc_officer):
    services.programme_update(actor=cdvc_officer, programme=pact, title="Chỉ đổi tên")
    pact = Programme.objects.get()
    assert pact.title == "Chỉ đổi tên" and pact.parties.count() == 2 and pact.areas.count() == 2
    assert set(AuditEntry.objects.get(action="programme.update").after) == {"title"}


def test_programme_period_ending_before_it_starts_is_refused(pact, cdvc_officer):
    for end in (dt.date(2021, 7, 14), dt.date(2021, 7, 15)):
        message = _refused(
            lambda end=end: services.programme_update(actor=cdvc_officer, programme=pact, valid_to=end),
            "valid_to",
        )
        assert message == "Đến ngày: phải sau ngày bắt đầu (15/07/2021)."
    pact.refresh_from_db()
    assert pact.valid_to is None


def test_programme_update_checks_parties_areas_document_and_title(pact, tree, cdvc_officer):
    from congdoan.documents.models import DocumentKind
    from congdoan.documents.services import document_create

    draft = document_create(
        actor=cdvc_officer,
        unit=tree.cdvc,
        kind=DocumentKind.objects.get(code="chuong-trinh-phoi-hop"),
        title="Dự thảo chương trình",
    )
    caught = {
        field: _refused(
            lambda change=change: services.programme_update(actor=cdvc_officer, programme=pact, **change),
            field,
        )
        for field, change in [
            ("parties", {"parties": []}),
            ("areas", {"areas": []}),
            ("document", {"document": draft}),
            ("title", {"title": "  "}),
        ]
    }
    assert caught == {
        "parties": "Các bên phối hợp: cần ít nhất hai đơn vị.",
        "areas": "Nội dung phối hợp: chọn ít nhất một nội dung.",
        "document": "Văn bản ký kết: văn bản Dự thảo chương trình chưa ban hành (chưa có số).",
        "title": "Tên chương trình: chưa nhập.",
    }
    message = _refused(
        lambda: services.programme_update(
            actor=cdvc_officer, programme=pact, parties=[tree.a, tree.b], valid_from=dt.date(2019, 1, 1)
        ),
        "parties",
    )
    assert message.startswith("Các bên phối hợp: ") and "không tồn tại vào ngày 01/01/2019" in message
    pact.refresh_from_db()
    assert pact.title == "Chương trình phối hợp thử" and pact.parties.count() == 2


def test_programme_update_permissions(pact, tree, cdvc_officer, officer_a, officer_b, officer_other):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # a party's officer sees the programme, may not change it
        services.programme_update(actor=officer_a, programme=pact, title="X")
    for outsider in (officer_b, officer_other):
        with pytest.raises(Http404):
            services.programme_update(actor=outsider, programme=pact, title="X")
    with pytest.raises(Http404):  # a party the recording officer has no link with
        services.programme_update(actor=cdvc_officer, programme=pact, parties=[tree.a, tree.other])
    assert not AuditEntry.objects.filter(action="programme.update").exists()


def test_member_added_to_a_mission(survey, tree, cdvc_officer):
    newcomer = factories.officer(tree.b, name="Hoàng Thị Mới")
    member = services.mission_member_add(actor=cdvc_officer, mission=survey.mission, position=newcomer)
    assert (member.position, member.is_head) == (newcomer, False)
    assert AuditEntry.objects.get(action="mission.member_add").after["position"].endswith("Hoàng Thị Mới")
    message = _refused(
        lambda: services.mission_member_add(actor=cdvc_officer, mission=survey.mission, position=newcomer),
        "position",
    )
    assert message == "Thành viên đoàn: Hoàng Thị Mới đã có trong đoàn."


def test_a_mission_ending_past_the_horizon_is_refused_on_create_and_edit(survey, tree, cdvc_officer):
    """The window of every dated write (``core.dates.check_effective``) holds for the end date too."""
    far = dt.date(2099, 1, 1)
    head, plan = factories.officer(tree.a, tree.cdvc), factories.issued(tree.cdvc)
    _refused(
        lambda: factories.mission(tree.cdvc, actor=cdvc_officer, head=head, plan=plan, ends_on=far), "ends_on"
    )
    _refused(
        lambda: services.mission_update(actor=cdvc_officer, mission=survey.mission, ends_on=far), "ends_on"
    )
    survey.mission.refresh_from_db()
    assert survey.mission.ends_on == END


def test_gifts_worth_more_than_the_largest_amount_in_all_are_refused(survey, cdvc_officer):
    message = _refused(
        lambda: services.gift_add(
            actor=cdvc_officer, mission=survey.mission, kind="gift", count=2_000_000, unit_value=9 * 10**12
        ),
        "unit_value",
    )
    assert "vượt mức tối đa 10.000.000.000.000 đồng" in message
