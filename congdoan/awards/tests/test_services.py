"""Nominations through the workflow, decisions with their bonuses, and the bad input of issue 12."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congdoan.awards import bonus, records, services
from congdoan.awards.models import Award, AwardInitiative, Decision, Nomination
from congdoan.core import figures
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period
from congdoan.documents.models import Document
from congdoan.members.tests.factories import join

from .factories import CSTDCS, LDTT, awarded, decide, form, nominate, recognised_initiative

pytestmark = pytest.mark.django_db


def test_catalogue_and_dated_money(tree):
    gk = form("giay-khen")
    assert gk.issuer_level == "cd-cap-tren-co-so"
    assert bonus.base_salary_on(dt.date(2022, 12, 20)) == 1_490_000
    assert bonus.base_salary_on(dt.date(2024, 7, 1)) == 2_340_000
    assert bonus.multiple_of(form("bk-tld"), "collective", dt.date(2022, 1, 1)) == Decimal("2.0")
    assert bonus.multiple_of(form("bk-tld"), "collective", dt.date(2025, 7, 1)) == Decimal("3.0")
    assert bonus.multiple_of(form("knc"), "individual", dt.date(2022, 7, 1)) is None
    # 0,3 × 1.490.000 = 447.000, rounded up to the ten thousand: 450.000.
    assert bonus.amount(Decimal("0.3"), 1_490_000, 10_000) == 450_000
    assert bonus.amount(Decimal("1.5"), 2_340_000, 10_000) == 3_510_000


def test_giay_khen_through_the_workflow(tree, cdvc_officer):
    people = [join(tree.a), join(tree.b)]
    n = nominate(tree.cdvc, "giay-khen", people=people, units=[tree.a], issuer=tree.cdvc, actor=cdvc_officer)
    assert n.state == Nomination.State.PROPOSED and n.reviewer_id == tree.cdvc.pk
    services.nomination_step(actor=cdvc_officer, nomination=n, step="submit")
    services.nomination_step(actor=cdvc_officer, nomination=n, step="approve")
    decision = decide([n], actor=cdvc_officer)
    n.refresh_from_db()
    assert n.state == Nomination.State.DECIDED
    doc = decision.document
    assert doc.number_symbol.startswith("01/QĐ-") and doc.status == "issued" and doc.unit_id == tree.cdvc.pk
    awards = list(decision.awards.order_by("order"))
    assert [a.amount for a in awards] == [450_000, 450_000, 900_000]
    assert decision.base_salary == 1_490_000
    assert (
        awards[2].home_id == tree.a.pk and awards[0].home_id == tree.a.pk and awards[1].home_id == tree.b.pk
    )
    assert "DANH SÁCH KÈM THEO" in doc.body and "450.000 đồng" in doc.body


def test_a_level_passes_it_higher_and_only_the_issuer_approves(tree):
    n = nominate(tree.cdvc, "bk-tld", units=[tree.a], issuer=tree.root, state="reviewing")
    assert n.reviewer_id == tree.prov.pk
    with pytest.raises(ValidationError, match="Chỉ cấp khen"):
        services.nomination_step(actor=None or _admin(), nomination=n, step="approve")
    services.nomination_step(actor=_admin(), nomination=n, step="forward")
    n.refresh_from_db()
    assert n.reviewer_id == tree.root.pk
    with pytest.raises(ValidationError, match="đã ở cấp khen"):
        services.nomination_step(actor=_admin(), nomination=n, step="forward")
    services.nomination_step(actor=_admin(), nomination=n, step="approve")
    decision = decide([n])
    assert decision.document.unit_id == tree.root.pk
    assert decision.awards.get().amount == 2_980_000  # 2,0 × 1.490.000


def _admin():
    from congdoan.accounts.models import User

    return User.objects.get(is_superuser=True)


def test_reviewing_level_rule(tree, officer_a, cdvc_officer):
    person = join(tree.a, actor=officer_a)
    n = nominate(tree.a, "giay-khen", people=[person], issuer=tree.cdvc, actor=officer_a)
    assert n.reviewer_id == tree.cdvc.pk
    services.nomination_step(actor=officer_a, nomination=n, step="submit")
    with pytest.raises(PermissionDenied):
        services.nomination_step(actor=officer_a, nomination=n, step="approve")
    services.nomination_step(actor=cdvc_officer, nomination=n, step="send_back", reason="Bổ sung báo cáo")
    n.refresh_from_db()
    assert n.state == Nomination.State.RETURNED and n.state_reason == "Bổ sung báo cáo"
    # Approving a returned nomination: refused, nothing written.
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="Trả lại"):
        services.nomination_step(actor=cdvc_officer, nomination=n, step="approve")
    assert AuditEntry.objects.count() == before
    services.nomination_step(actor=officer_a, nomination=n, step="submit")
    services.nomination_step(actor=cdvc_officer, nomination=n, step="reject", reason="Chưa đủ thành tích")
    n.refresh_from_db()
    assert n.state == Nomination.State.FAILED


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("outside", "không sinh hoạt tại"),
        ("issuer_below", "không phải là cấp trên"),
        ("issuer_kind", "không phải cấp đó"),
        ("votes", "nhiều hơn số thành viên hội đồng"),
        ("collective_only", "chỉ tặng tập thể"),
    ],
)
def test_bad_nominations_write_nothing(tree, case, message):
    a_person, b_person = join(tree.a), join(tree.b)
    before = (Nomination.objects.count(), AuditEntry.objects.count())
    kwargs = {
        "outside": {"unit": tree.a, "code": "giay-khen", "people": [b_person], "issuer": tree.cdvc},
        "issuer_below": {"unit": tree.prov, "code": "giay-khen", "people": [a_person], "issuer": tree.cdvc},
        "issuer_kind": {"unit": tree.cdvc, "code": "bk-ldld", "people": [a_person], "issuer": tree.cdvc},
        "votes": {
            "unit": tree.cdvc,
            "code": "co-thi-dua-ldld-tinh",
            "units": [tree.a],
            "issuer": tree.prov,
            "council": 9,
            "votes": 10,
        },
        "collective_only": {
            "unit": tree.cdvc,
            "code": "co-thi-dua-ldld-tinh",
            "people": [a_person],
            "issuer": tree.prov,
        },
    }[case]
    unit, code = kwargs.pop("unit"), kwargs.pop("code")
    with pytest.raises(ValidationError, match=message):
        nominate(unit, code, **kwargs)
    assert (Nomination.objects.count(), AuditEntry.objects.count()) == before


def test_same_form_same_year_and_decision_number_reused(tree):
    person = join(tree.a)
    awarded(tree.cdvc, "giay-khen", people=[person], issuer=tree.cdvc)
    with pytest.raises(ValidationError, match="đã được tặng"):
        nominate(tree.cdvc, "giay-khen", people=[person], issuer=tree.cdvc)
    # Another year is fine; recording it under a number already used is refused by the register.
    n = nominate(tree.cdvc, "giay-khen", people=[person], issuer=tree.cdvc, year=2021, state="passed")
    before = (Decision.objects.count(), Document.objects.count())
    with pytest.raises(ValidationError):
        decide([n], number=1)
    n.refresh_from_db()
    assert n.state == Nomination.State.PASSED
    assert (Decision.objects.count(), Document.objects.count()) == before


def test_flag_needs_eighty_percent_of_the_whole_council(tree):
    low = nominate(tree.cdvc, "co-thi-dua-ldld-tinh", units=[tree.a], issuer=tree.prov, council=10, votes=7)
    with pytest.raises(ValidationError, match="cần ít nhất 80 %"):
        services.nomination_step(actor=_admin(), nomination=low, step="submit")
    ok = nominate(
        tree.cdvc,
        "co-thi-dua-ldld-tinh",
        units=[tree.b],
        issuer=tree.prov,
        council=10,
        votes=8,
        state="passed",
    )
    assert decide([ok]).awards.get().amount == 11_920_000  # the title's 8,0 × 1.490.000


def test_cstdcs_needs_ldtt_and_excellence_or_an_initiative(tree):
    person = join(tree.a)
    n = nominate(tree.a, CSTDCS, people=[person], issuer_name="Giám đốc Sở Y tế", council=5, votes=5)
    assert n.reviewer_id == tree.a.pk
    with pytest.raises(ValidationError, match="Chưa có Lao động tiên tiến năm 2022"):
        services.nomination_step(actor=_admin(), nomination=n, step="submit")
    ldtt = awarded(tree.a, LDTT, people=[person], issuer_name="Giám đốc Sở Y tế")
    assert ldtt.document.direction == "in" and ldtt.document.number_symbol == "01/QĐ-TT"
    assert ldtt.awards.get().amount == 450_000
    with pytest.raises(ValidationError, match="xuất sắc nhiệm vụ hoặc có sáng kiến"):
        services.nomination_step(actor=_admin(), nomination=n, step="submit")
    records.rating_record(actor=_admin(), unit=tree.a, person=person, year=2022, grade="excellent")
    services.nomination_step(actor=_admin(), nomination=n, step="submit")
    services.nomination_step(actor=_admin(), nomination=n, step="approve")
    decision = decide([n], sender_number="02/QĐ-TT")
    assert decision.awards.get().amount == 1_490_000


def test_figures_count_awards_of_the_subtree_by_form(tree):
    people = [join(tree.a) for _ in range(3)]
    awarded(tree.cdvc, "giay-khen", people=people, units=[tree.a, tree.b], issuer=tree.cdvc)
    awarded(tree.cdvc, "bk-ldld", units=[tree.b], issuer=tree.prov)
    values = figures.compute(
        actor=_admin(),
        unit_id=tree.cdvc.pk,
        names=[
            "awards.collective",
            "awards.individual",
            "awards.by_form.giay-khen.collective",
            "awards.by_form.giay-khen.individual",
            "awards.by_form.bk-ldld.collective",
        ],
        period=Period.year(2022),
        as_of=dt.date(2022, 12, 31),
    )
    assert values == {
        "awards.collective": 3,
        "awards.individual": 3,
        "awards.by_form.giay-khen.collective": 2,
        "awards.by_form.giay-khen.individual": 3,
        "awards.by_form.bk-ldld.collective": 1,
    }
    assert Award.objects.count() == 6


def test_an_initiative_supports_one_award_only(tree):
    person = join(tree.a)
    initiative = recognised_initiative(tree.a, [person], year=2022)
    awarded(tree.a, LDTT, people=[person], issuer_name="Giám đốc Sở Y tế")
    n = nominate(
        tree.a,
        CSTDCS,
        people=[person],
        issuer_name="Giám đốc Sở Y tế",
        council=5,
        votes=5,
        initiatives={person.pk: [initiative]},
        state="passed",
    )
    award = decide([n], sender_number="02/QĐ-TT").awards.get()
    assert AwardInitiative.objects.get().award == award
    with pytest.raises(ValidationError, match="chỉ dùng một lần"):
        nominate(
            tree.a,
            CSTDCS,
            people=[person],
            issuer_name="Giám đốc Sở Y tế",
            year=2022,
            initiatives={person.pk: [initiative]},
        )


def test_a_returned_dossier_is_completed_and_sent_again(tree):
    n = nominate(tree.cdvc, "co-thi-dua-ldld-tinh", units=[tree.a], issuer=tree.prov, council=10, votes=9)
    services.nomination_step(actor=_admin(), nomination=n, step="submit")
    services.nomination_step(
        actor=_admin(), nomination=n, step="send_back", reason="Thiếu biên bản họp hội đồng"
    )
    line = n.lines.get()
    with pytest.raises(ValidationError, match="nhiều hơn số thành viên hội đồng"):
        services.nomination_update(
            actor=_admin(), nomination=n, council_size=9, council_present=9, votes={line.pk: 10}
        )
    services.nomination_update(
        actor=_admin(),
        nomination=n,
        report="Đã bổ sung",
        council_size=9,
        council_present=9,
        votes={line.pk: 8},
    )
    n.refresh_from_db()
    services.nomination_step(actor=_admin(), nomination=n, step="submit")
    n.refresh_from_db()
    assert n.state == Nomination.State.REVIEWING and n.report == "Đã bổ sung"
