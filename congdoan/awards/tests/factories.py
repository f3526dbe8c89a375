"""Builders for the awards tests, through the real services (so audit, checks and numbering are right)."""

import datetime as dt

from congdoan.accounts.models import User
from congdoan.awards import decisions, services
from congdoan.awards.models import Form
from congdoan.emulation.models import Title

LDTT, CSTDCS = "lao-dong-tien-tien", "chien-si-thi-dua-co-so"


def _admin() -> User:
    return User.objects.filter(is_superuser=True).first()


def form(code: str) -> Form:
    return Form.objects.get(code=code)


def title(code: str) -> Title:
    return Title.objects.get(code=code)


def kind_kwargs(code: str) -> dict:
    if Form.objects.filter(code=code).exists():
        return {"form": form(code)}
    return {"title": title(code)}


def nominate(
    unit,
    code,
    *,
    people=(),
    units=(),
    year=2022,
    issuer=None,
    issuer_name="",
    actor=None,
    council=None,
    votes=None,
    initiatives=None,
    state="proposed",
    **extra,
):
    """A nomination taken through the workflow up to ``state`` (proposed, reviewing, passed)."""
    actor = actor or _admin()
    lines = [
        services.LineIn(person=p, votes_for=votes, initiatives=list((initiatives or {}).get(p.pk, [])))
        for p in people
    ] + [services.LineIn(unit=u, votes_for=votes) for u in units]
    n = services.nomination_create(
        actor=actor,
        unit=unit,
        year=year,
        lines=lines,
        issuer=issuer,
        issuer_name=issuer_name,
        council_size=council,
        council_present=council,
        **kind_kwargs(code),
        **extra,
    )
    if state in ("reviewing", "passed"):
        services.nomination_step(actor=actor, nomination=n, step="submit")
    if state == "passed":
        while n.reviewer_id != (n.issuer_id or n.unit_id):
            services.nomination_step(actor=actor, nomination=n, step="forward")
        services.nomination_step(actor=actor, nomination=n, step="approve")
    return n


def decide(nominations, *, actor=None, on=dt.date(2022, 12, 20), number=None, sender_number="", **extra):
    actor = actor or _admin()
    return decisions.decision_record(
        actor=actor,
        nominations=list(nominations),
        title=extra.pop("title", "Về việc khen thưởng"),
        signed_on=on,
        signer_name="Nguyễn Văn Ký",
        signer_position="Chủ tịch",
        number=number,
        sender_number=sender_number,
        **extra,
    )


def awarded(
    unit, code, *, people=(), units=(), year=2022, issuer=None, issuer_name="", on=None, actor=None, **kw
):
    """People or collectives given ``code`` in ``year`` through the whole workflow."""
    n = nominate(
        unit,
        code,
        people=people,
        units=units,
        year=year,
        issuer=issuer,
        issuer_name=issuer_name,
        state="passed",
        actor=actor,
        **kw,
    )
    return decide(
        [n], on=on or dt.date(year, 12, 20), sender_number="01/QĐ-TT" if issuer is None else "", actor=actor
    )


def recognised_initiative(unit, authors, *, year=2022, title="Số hóa hồ sơ đoàn viên"):
    """An initiative recognised in ``year``. The initiatives module has no services on this branch
    yet, so the row is written as its recognition would leave it (test data only)."""
    from decimal import Decimal

    from congdoan.initiatives.models import Initiative, InitiativeAuthor, InitiativeField

    initiative = Initiative.objects.create(
        unit=unit,
        title=title,
        field=InitiativeField.objects.order_by("pk").first(),
        applied_on=dt.date(year, 3, 1),
        registered_on=dt.date(year, 2, 1),
        state=Initiative.State.RECOGNISED,
        decided_on=dt.date(year, 10, 1),
    )
    for i, person in enumerate(authors):
        InitiativeAuthor.objects.create(
            initiative=initiative, person=person, share=Decimal(100) / len(authors), order=i
        )
    return initiative


def scope_objects(unit, officer) -> dict:
    """Ids of awards objects of ``unit`` (a CĐCS) for the route-scope walk: a decided nomination of
    one of its people (an outside issuer's decision recorded by the unit), a proposal with a file
    (a row only, as the documents walk does: the walk never reads the file), and that person's
    disciplinary record, task rating and earlier union work."""
    from congdoan.awards.models import NominationFile
    from congdoan.members.tests.factories import join

    person = join(unit, actor=officer, name="Phạm Thị Khen Thưởng")
    decision = awarded(
        unit, LDTT, people=[person], issuer_name="Giám đốc Sở", actor=officer, on=dt.date(2022, 12, 20)
    )
    proposal = nominate(
        unit, LDTT, people=[join(unit, actor=officer)], year=2023, issuer_name="Giám đốc Sở", actor=officer
    )
    stored = NominationFile.objects.create(
        nomination=proposal,
        path=f"attachments/test/{proposal.pk}.pdf",
        name="bao-cao.pdf",
        uploaded_by=officer,
    )
    from congdoan.awards import records

    sanction = records.discipline_record(
        actor=officer, owner=unit, person=person, level="reprimand", starts_on=dt.date(2023, 1, 1)
    )
    records.rating_record(actor=officer, unit=unit, person=person, year=2022, grade="good")
    records.earlier_service_record(
        actor=officer,
        owner=unit,
        person=person,
        starts_on=dt.date(2000, 1, 1),
        ends_on=dt.date(2005, 1, 1),
        position="Tổ trưởng công đoàn",
        organisation="Công đoàn bộ phận cũ",
    )
    return {
        "nomination_id": proposal.pk,
        "decision_id": decision.pk,
        "file_id": stored.pk,
        "discipline_id": sanction.pk,
    }
