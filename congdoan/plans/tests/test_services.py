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
        hosts=[("Võ Văn Đón", "Chủ tịch", "Công đoàn Sở Y tế")],
    )
    assert Host.objects.get().visit == visit
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
