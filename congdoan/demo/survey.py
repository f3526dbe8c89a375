"""Seed 000 end to end, through the real services: plan 92/KH-CĐVC, the coordination programmes of CĐVC
Việt Nam with the LĐLĐ of Phú Yên, Khánh Hòa and Ninh Thuận, the officers of the mission, the mission of
19-24/07/2022 with its three visits and their hosts, the findings, the house and the 30 gifts, and the
mission's report issued as a numbered document. What is assumed rather than read in the article is
listed in ``data`` (seed 000 section)."""

from congdoan.accounts.models import User
from congdoan.documents.models import DocumentKind
from congdoan.documents.services import document_create, document_issue
from congdoan.members.models import PositionKind
from congdoan.members.services import member_join, position_assign
from congdoan.organizations.models import Unit
from congdoan.plans import services as plans
from congdoan.plans.models import ContentArea, Gift, Mission

from . import data


def survey_loaded() -> bool:
    return Mission.objects.filter(plan__number=data.SURVEY_PLAN_NUMBER, title=data.SURVEY_TITLE).exists()


def _issued(
    admin: User, unit: Unit, kind: str, title: str, on, signer: str, number: int | None = None, **more
):
    draft = document_create(
        actor=admin,
        unit=unit,
        kind=DocumentKind.objects.get(code=kind),
        title=title,
        signed_on=on,
        place="Hà Nội",
        signer_name=signer,
        signer_position=data.SURVEY_SIGNER_POSITION,
        signing_authority="TM. BAN THƯỜNG VỤ",
        **more,
    )
    return document_issue(actor=admin, document=draft, signed_on=on, number=number)


def _officer(admin: User, officer: data.SurveyOfficer, units: dict[str, Unit], serial: int):
    """A synthetic member of a CĐCS under CĐVC Việt Nam holding a position in CĐVC Việt Nam's BCH."""
    person = member_join(
        actor=admin,
        unit=units[officer.member_of],
        on=data.FOUNDED,
        full_name=officer.full_name,
        sex=officer.sex,
        card_number=f"{data.CARD_PREFIX}KS{serial:06d}",  # a demo card, apart from the drawn ones
    )
    return position_assign(
        actor=admin,
        person=person,
        position=PositionKind.objects.get(code=officer.position),
        unit=units[data.SURVEY_ORGANISER],
        valid_from=data.SURVEY_OFFICERS_SINCE,
        term=data.SURVEY_OFFICERS_TERM,
    )


def load_survey(*, admin: User, units: dict[str, Unit]) -> Mission:
    organiser = units[data.SURVEY_ORGANISER]
    head = _officer(admin, data.SURVEY_HEAD, units, 1)
    members = [_officer(admin, officer, units, n) for n, officer in enumerate(data.SURVEY_MEMBERS, 2)]
    areas = list(ContentArea.objects.filter(code__in=data.SURVEY_FINDINGS))
    programmes = []
    for visit in data.SURVEY_VISITS:
        partner = units[visit.unit]
        partner_name = partner.version_on(data.PROGRAMMES_SIGNED_ON).name
        title = f"Chương trình phối hợp hoạt động giữa Công đoàn Viên chức Việt Nam và {partner_name}"
        signed = _issued(
            admin, organiser, "chuong-trinh-phoi-hop", title, data.PROGRAMMES_SIGNED_ON, head.person.full_name
        )
        programmes.append(
            plans.programme_create(
                actor=admin,
                unit=organiser,
                title=title,
                document=signed,
                parties=[organiser, partner],
                areas=areas,
                valid_from=data.PROGRAMMES_SIGNED_ON,
            )
        )
    plan = _issued(
        admin,
        organiser,
        "ke-hoach",
        data.SURVEY_PLAN_TITLE,
        data.SURVEY_PLAN_ON,
        head.person.full_name,
        number=data.SURVEY_PLAN_NUMBER,
    )
    account = User.objects.filter(username=data.SURVEY_HEAD.account).first()
    mission = plans.mission_create(
        actor=admin,
        unit=organiser,
        title=data.SURVEY_TITLE,
        plan=plan,
        starts_on=data.SURVEY_STARTS_ON,
        ends_on=data.SURVEY_ENDS_ON,
        head=head,
        members=members,
        programmes=programmes,
        accounts={head.pk: account} if account else {},
    )
    for visit in data.SURVEY_VISITS:
        unit = units[visit.unit]
        name = unit.version_on(visit.on).name
        plans.visit_add(
            actor=admin,
            mission=mission,
            unit=unit,
            on=visit.on,
            hosts=[(visit.host_name, f"{visit.host_position} {name}", name)],
        )
    by_code = {a.code: a for a in areas}
    for code, (results, shortcomings, proposals) in data.SURVEY_FINDINGS.items():
        plans.finding_add(
            actor=admin,
            mission=mission,
            area=by_code[code],
            results=results,
            shortcomings=shortcomings,
            proposals=proposals,
        )
    plans.gift_add(
        actor=admin,
        mission=mission,
        kind=Gift.Kind.HOUSE,
        count=1,
        unit_value=data.SURVEY_HOUSE_VALUE,
        description="Hỗ trợ xây dựng Nhà tình nghĩa cho đoàn viên có hoàn cảnh khó khăn",
    )
    plans.gift_add(
        actor=admin,
        mission=mission,
        kind=Gift.Kind.GIFT,
        count=data.SURVEY_GIFTS,
        unit_value=data.SURVEY_GIFT_VALUE,
        description=data.SURVEY_RECIPIENTS,
    )
    return plans.report_issue(
        actor=admin,
        mission=mission,
        signed_on=data.SURVEY_REPORT_ON,
        signer_name=head.person.full_name,
        signer_position=data.SURVEY_SIGNER_POSITION,
        place="Hà Nội",
    )
