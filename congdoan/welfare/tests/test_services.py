"""The welfare services: amounts, people in scope, programmes, houses and the survey's gifts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from congdoan.core.models import AuditEntry
from congdoan.core.money import vnd_in_words
from congdoan.members.tests.factories import join
from congdoan.plans import services as plans
from congdoan.plans.models import Gift
from congdoan.plans.tests import factories as plans_factories
from congdoan.welfare import services
from congdoan.welfare.models import GiftItem, SupportCase

from . import factories
from .factories import DAY

pytestmark = pytest.mark.django_db


def _refused(field: str, call) -> str:
    """``call`` raises a ValidationError on ``field`` and writes nothing; its message."""
    ours = AuditEntry.objects.filter(action__startswith="welfare.")
    cases, items, entries = SupportCase.objects.count(), GiftItem.objects.count(), ours.count()
    with pytest.raises(ValidationError) as exc:
        call()
    assert field in exc.value.message_dict, exc.value.message_dict
    assert (SupportCase.objects.count(), GiftItem.objects.count(), ours.count()) == (
        cases,
        items,
        entries,
    )
    return exc.value.message_dict[field][0]


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        (-1_000_000, "âm"),
        ("-500.000", "âm"),
        (0, "lớn hơn 0"),
        ("0 đ", "lớn hơn 0"),
        ("1.000,5", "thập phân"),
        ("1000,5", "thập phân"),
        (1.5, "thập phân"),
        ("1.00", "thập phân"),
        ("1,000,000", "hãy viết 1.000.000"),
        ("1.0000.000", "không phải là số tiền"),
        ("một triệu", "không phải là số tiền"),
        ("", "chưa nhập"),
    ],
)
def test_bad_amounts_are_refused_naming_the_field(tree, officer_a, amount, says):
    person = join(tree.a, actor=officer_a)
    message = _refused("amount", lambda: factories.case(tree.a, officer_a, person=person, amount=amount))
    assert "Số tiền" in message and says in message


def test_amounts_as_typed_are_read(tree, officer_a):
    case = factories.case(tree.a, officer_a, amount="1.500.000 đ")
    assert case.amount == 1_500_000


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1_000_000, "Một triệu đồng"),
        (2_100_000_000, "Hai tỷ một trăm triệu đồng"),
        (
            1_234_567_890,
            "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng",
        ),
    ],
)
def test_amounts_in_words(amount, words):
    assert vnd_in_words(amount) == words


def test_a_person_outside_the_deciding_unit_is_refused(tree, officer_a, admin_user):
    stranger = join(tree.b, actor=admin_user)
    message = _refused("person", lambda: factories.case(tree.a, officer_a, person=stranger))
    assert stranger.full_name in message


def test_a_unit_outside_reach_is_404(tree, officer_a):
    with pytest.raises(Http404):
        factories.case(tree.b, officer_a, beneficiary_name="Người ngoài")


def test_a_family_member_and_someone_outside_the_union(tree, officer_a):
    member = join(tree.a, actor=officer_a)
    child = factories.case(
        tree.a,
        officer_a,
        person=member,
        beneficiary_name="Nguyễn Văn Con",
        relation="con",
        kind=factories.kind("om-dau"),
    )
    assert (child.person, child.relation) == (member, "con")
    outside = factories.case(
        tree.a, officer_a, beneficiary_name="Hộ bà Lò Thị Mai", kind=factories.kind("thien-tai")
    )
    assert outside.person is None
    _refused(
        "beneficiary_name",
        lambda: services.case_create(
            actor=officer_a,
            unit=tree.a,
            kind=factories.kind(),
            amount=1,
            source="quy-cong-doan",
            decided_on=DAY,
        ),
    )


def test_the_source_is_checked(tree, officer_a):
    _refused("source_name", lambda: factories.case(tree.a, officer_a, source="tai-tro"))
    _refused("source_unit", lambda: factories.case(tree.a, officer_a, source_unit=tree.b))
    above = factories.case(tree.a, officer_a, source_unit=tree.cdvc)  # a superior's funds
    assert above.source_unit == tree.cdvc
    assert factories.case(tree.a, officer_a).source_unit == tree.a


def test_a_person_supported_twice_in_a_programme_is_flagged_before_saving(tree, officer_a):
    programme = factories.programme(tree.a, officer_a)
    person = join(tree.a, actor=officer_a, hardship=True)
    factories.case(tree.a, officer_a, person=person, programme=programme)
    message = _refused(
        "person", lambda: factories.case(tree.a, officer_a, person=person, programme=programme)
    )
    assert "đã được hỗ trợ trong chương trình này" in message
    again = factories.case(tree.a, officer_a, person=person, programme=programme, confirm_repeat=True)
    assert again.pk
    # Outside the programme the same person may be supported again without a warning.
    assert factories.case(tree.a, officer_a, person=person).pk


def test_a_case_of_a_programme_keeps_to_its_dates_and_units(tree, officer_a, cdvc_officer):
    programme = factories.programme(tree.a, officer_a)
    _refused(
        "decided_on",
        lambda: factories.case(tree.a, officer_a, programme=programme, decided_on=dt.date(2022, 3, 1)),
    )
    above = factories.programme(tree.cdvc, cdvc_officer, title="Chăm lo Tết của CĐVC tỉnh")
    assert factories.case(tree.a, cdvc_officer, programme=above).programme == above
    _refused(
        "programme",
        lambda: factories.case(tree.cdvc, cdvc_officer, beneficiary_name="X", programme=programme),
    )


def test_a_future_day_is_refused(tree, officer_a):
    _refused(
        "decided_on",
        lambda: factories.case(tree.a, officer_a, decided_on=dt.date.today() + dt.timedelta(days=3)),
    )


def test_a_house_for_a_household_outside_the_union(tree, officer_a):
    case = factories.house(tree.a, officer_a, handed_over_on=dt.date(2022, 6, 1))
    assert case.kind.code == "nha-o" and case.house.location.endswith("Hà Tĩnh")
    assert AuditEntry.objects.filter(action="welfare.house_record", object_id=str(case.pk)).count() == 1
    _refused("handed_over_on", lambda: factories.house(tree.a, officer_a, handed_over_on=dt.date(2021, 1, 1)))
    _refused("amount", lambda: factories.house(tree.a, officer_a, amount="20.000.000,00"))
    _refused("kind", lambda: factories.case(tree.a, officer_a, kind=factories.kind("nha-o")))


def test_gift_items_count_times_value(tree, officer_a):
    programme = factories.programme(tree.a, officer_a)
    item = services.gift_item_add(
        actor=officer_a,
        kind=factories.kind("qua-tet"),
        programme=programme,
        description="Túi quà Tết",
        count=100,
        unit_value="500.000",
        given_on=DAY,
        source="quy-cong-doan",
    )
    assert (item.amount, item.kind.code) == (50_000_000, "qua-tet")
    for kind, field in ((None, "kind"), (factories.kind("nha-o"), "kind")):
        _refused(
            field,
            lambda k=kind: services.gift_item_add(
                actor=officer_a,
                programme=programme,
                kind=k,
                description="Quà",
                count=1,
                unit_value=1,
                given_on=DAY,
                source="quy-cong-doan",
            ),
        )
    for count, value, field in (
        (0, 1, "count"),
        (2, "0", "unit_value"),
        (2, "1,5", "unit_value"),
        (True, 1, "count"),
    ):
        _refused(
            field,
            lambda c=count, v=value: services.gift_item_add(
                actor=officer_a,
                kind=factories.kind("qua-tet"),
                programme=programme,
                description="Quà",
                count=c,
                unit_value=v,
                given_on=DAY,
                source="quy-cong-doan",
            ),
        )


@pytest.fixture
def mission(tree, cdvc_officer):
    head = plans_factories.officer(tree.a, tree.cdvc)
    mission = plans_factories.mission(
        tree.cdvc, actor=cdvc_officer, head=head, plan=plans_factories.issued(tree.cdvc)
    )
    plans.gift_add(actor=cdvc_officer, mission=mission, kind=Gift.Kind.GIFT, count=30, unit_value=1_000_000)
    plans.gift_add(actor=cdvc_officer, mission=mission, kind=Gift.Kind.HOUSE, count=1, unit_value=60_000_000)
    return mission


def test_the_survey_gifts_are_linked_not_typed_again(tree, cdvc_officer, mission):
    gifts, house = mission.gifts.order_by("id")
    programme = factories.programme(
        tree.cdvc,
        cdvc_officer,
        code="khao-sat",
        title="Tặng quà trong đợt khảo sát",
        mission=mission,
        starts_on=mission.starts_on,
        ends_on=mission.ends_on,
    )
    _refused(
        "count",
        lambda: services.gift_item_add(
            actor=cdvc_officer,
            kind=factories.kind("qua-tet"),
            programme=programme,
            survey_gift=gifts,
            count=31,
            given_on=mission.starts_on,
            source="quy-cong-doan",
        ),
    )
    item = services.gift_item_add(
        actor=cdvc_officer,
        kind=factories.kind("qua-tet"),
        programme=programme,
        survey_gift=gifts,
        given_on=mission.starts_on,
        source="quy-cong-doan",
    )
    assert (item.count, item.unit_value, item.amount) == (30, 1_000_000, 30_000_000)
    _refused(
        "survey_gift",
        lambda: services.gift_item_add(
            actor=cdvc_officer,
            kind=factories.kind("qua-tet"),
            programme=programme,
            survey_gift=gifts,
            given_on=mission.starts_on,
            source="quy-cong-doan",
        ),
    )
    _refused(
        "amount",
        lambda: factories.house(
            tree.cdvc, cdvc_officer, survey_gift=house, amount=50_000_000, decided_on=mission.starts_on
        ),
    )
    built = factories.house(
        tree.cdvc, cdvc_officer, survey_gift=house, amount=None, decided_on=mission.starts_on
    )
    assert built.amount == 60_000_000


def test_a_programme_names_a_mission_of_its_own_unit(tree, officer_a, mission):
    _refused("mission", lambda: factories.programme(tree.a, officer_a, mission=mission))


def test_a_gift_total_beyond_the_largest_amount_is_refused():
    """Each number may pass on its own; their product is what is stored and added up (QA: 2,000,000 ×
    9,000,000,000,000 was saved and broke every total above it)."""
    from congdoan.core.money import total_error

    assert total_error(2_000_000, 9_000_000_000_000).endswith("vượt mức tối đa 10.000.000.000.000 đồng.")
    assert total_error(100, 500_000) is None
