"""Builders for the plans tests, through the real services."""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.documents.models import DocumentKind
from congdoan.documents.services import document_create, document_issue
from congdoan.members.models import PositionKind
from congdoan.members.services import position_assign
from congdoan.members.tests.factories import join
from congdoan.plans import services

START, END = dt.date(2022, 7, 19), dt.date(2022, 7, 24)


def admin() -> User:
    return User.objects.filter(is_superuser=True).first()


def issued(
    unit,
    *,
    kind: str = "ke-hoach",
    on: dt.date = dt.date(2022, 4, 5),
    title: str = "Kế hoạch khảo sát",
    number=None,
):
    draft = document_create(
        actor=admin(), unit=unit, kind=DocumentKind.objects.get(code=kind), title=title, signed_on=on
    )
    return document_issue(actor=admin(), document=draft, signed_on=on, number=number)


def officer(
    member_of,
    position_unit=None,
    *,
    name: str = "",
    position: str = "pho-chu-tich",
    since=dt.date(2021, 1, 1),
):
    """An officer position held from ``since`` by a new member of ``member_of``."""
    person = join(member_of, name=name, on=dt.date(2020, 6, 1))
    return position_assign(
        actor=admin(),
        person=person,
        position=PositionKind.objects.get(code=position),
        unit=position_unit or member_of,
        valid_from=since,
    )


def mission(unit, *, actor=None, head=None, members=(), **fields):
    """A mission of ``unit`` (19-24/07/2022) under a new plan, its head an officer of ``unit``'s subtree."""
    return services.mission_create(
        actor=actor or admin(),
        unit=unit,
        title=fields.pop("title", "Đoàn khảo sát thử"),
        plan=fields.pop("plan", None) or issued(unit),
        starts_on=fields.pop("starts_on", START),
        ends_on=fields.pop("ends_on", END),
        head=head or officer(unit),
        members=list(members),
        **fields,
    )


def programme(unit, *, actor=None, parties=(), **fields):
    """A programme recorded by ``unit`` (from 15/07/2021) with ``parties``, under a new signing document,
    on the first two content areas."""
    from congdoan.plans.models import ContentArea

    return services.programme_create(
        actor=actor or admin(),
        unit=unit,
        title=fields.pop("title", "Chương trình phối hợp thử"),
        document=fields.pop("document", None) or issued(unit, kind="chuong-trinh-phoi-hop"),
        parties=list(parties),
        areas=fields.pop("areas", None) or list(ContentArea.objects.order_by("order")[:2]),
        valid_from=fields.pop("valid_from", dt.date(2021, 7, 15)),
        **fields,
    )
