"""The awards demo (seeds 001, 003, 004): the counts come out of the records through the figures,
by form, issuer level and collective/individual; loading again writes nothing."""

import datetime as dt

import pytest

from congdoan.accounts.models import User
from congdoan.awards import eligibility, selectors
from congdoan.awards.models import Award, Decision, Nomination
from congdoan.core import figures
from congdoan.core.models import AuditEntry
from congdoan.core.periods import Period

from .conftest import run_load_demo

pytestmark = pytest.mark.django_db


def awards_ids() -> dict:
    """Ids of the awards demo's objects for the route walks (a dossier file: any id)."""
    nomination = Nomination.objects.order_by("pk").first()
    return {
        "nomination_id": nomination.pk,
        "decision_id": Decision.objects.order_by("pk").first().pk,
        "file_id": nomination.pk,
        "discipline_id": nomination.pk,  # any id: every write route refuses a read-only officer first
    }


def test_hanoi_2022_counts_by_form_and_level(demo):
    admin = User.objects.get(username="admin")
    hanoi = demo["CDVC-HN"]
    names = [
        "awards.collective",
        "awards.individual",
        "awards.by_form.bk-tld.collective",
        "awards.by_form.co-thi-dua-ldld-tinh.collective",
        "awards.by_form.bk-ldld.collective",
        "awards.by_form.bk-ldld.individual",
        "awards.by_form.giay-khen.collective",
        "awards.by_form.giay-khen.individual",
    ]
    values = figures.compute(
        actor=admin, unit_id=hanoi.pk, names=names, period=Period.year(2022), as_of=dt.date(2022, 12, 31)
    )
    assert values == {
        "awards.collective": 11,
        "awards.individual": 81,
        "awards.by_form.bk-tld.collective": 1,
        "awards.by_form.co-thi-dua-ldld-tinh.collective": 1,
        "awards.by_form.bk-ldld.collective": 3,
        "awards.by_form.bk-ldld.individual": 12,
        "awards.by_form.giay-khen.collective": 6,
        "awards.by_form.giay-khen.individual": 69,
    }
    version = hanoi.version_on(dt.date(2022, 12, 31))
    rows = {
        r["form"]: r
        for r in selectors.year_counts(actor=admin, unit_id=hanoi.pk, path=version.path, year=2022)
    }
    assert rows["Giấy khen của công đoàn cấp trên trực tiếp cơ sở"]["individual"] == 69
    assert (
        rows["Bằng khen của Tổng Liên đoàn Lao động Việt Nam"]["level"] == "Tổng Liên đoàn Lao động Việt Nam"
    )
    assert Nomination.objects.filter(unit=hanoi, state="decided").count() == 4


def test_medals_and_seed_004_titles(demo):
    medals = Award.objects.filter(form__code="knc")
    assert medals.count() == 7 and {a.decided_on for a in medals} == {dt.date(2022, 7, 20)}
    for award in medals:
        years, periods = eligibility.service_years(award.person_id, award.decided_on)
        assert years >= 20 and sorted(p.kind for p in periods) == ["earlier", "member", "officer"]
    mttq = demo["CDVC-NT-MTTQ"]
    ldtt = Award.objects.filter(title__code="lao-dong-tien-tien", year=2023, line__nomination__unit=mttq)
    cstdcs = Award.objects.filter(
        title__code="chien-si-thi-dua-co-so", year=2023, line__nomination__unit=mttq
    )
    assert ldtt.count() == 19 and cstdcs.count() == 3
    assert set(cstdcs.values_list("person_id", flat=True)) <= set(ldtt.values_list("person_id", flat=True))
    assert Decision.objects.get(document__sender_number="22/QĐ-MTTQ").awards.count() == 3


def test_loading_again_writes_nothing(demo):
    before = (Award.objects.count(), AuditEntry.objects.count())
    run_load_demo()
    assert (Award.objects.count(), AuditEntry.objects.count()) == before
