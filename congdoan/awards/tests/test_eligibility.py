"""Each eligibility rule of issue 12 §3, with the data it shows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from congdoan.accounts.models import User
from congdoan.awards import eligibility, records, services
from congdoan.awards.models import EligibilityRule
from congdoan.members.models import PositionKind
from congdoan.members.services import position_assign
from congdoan.members.tests.factories import join
from congdoan.organizations.tests.factories import make_unit

from .factories import CSTDCS, LDTT, awarded, nominate

pytestmark = pytest.mark.django_db
HEAD = "Giám đốc Sở"
TTLDTT, TTLDXS = "tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"


def admin():
    return User.objects.get(is_superuser=True)


def results(nomination):
    ((_line, rows),) = services.line_checks(nomination)
    return {r.check: r for r in rows}


def test_collective_needs_seventy_percent_ldtt_and_no_warning(tree):
    people = [join(tree.a) for _ in range(10)]
    awarded(tree.a, LDTT, people=people[:6], issuer_name=HEAD)
    n = nominate(tree.a, TTLDTT, units=[tree.a], issuer_name=HEAD)
    share = results(n)["collective_share"]
    assert not share.passed and "6/10" in share.reason
    awarded(tree.a, LDTT, people=people[6:7], issuer_name=HEAD, on=dt.date(2022, 12, 21))
    assert results(n)["collective_share"].passed
    records.discipline_record(
        actor=admin(),
        owner=tree.a,
        person=people[9],
        level="warning",
        starts_on=dt.date(2022, 5, 1),
        ends_on=dt.date(2022, 11, 1),
    )
    severe = results(n)["no_severe_discipline_in_year"]
    assert not severe.passed and people[9].full_name in severe.reason
    with pytest.raises(ValidationError, match="cảnh cáo"):
        services.nomination_step(actor=admin(), nomination=n, step="submit")


def test_excellent_collective_needs_all_tasks_done_and_a_cstdcs(tree):
    people = [join(tree.a) for _ in range(3)]
    awarded(tree.a, LDTT, people=people, issuer_name=HEAD)
    n = nominate(tree.a, TTLDXS, units=[tree.a], issuer=tree.prov)
    got = results(n)
    assert not got["all_tasks_done"].passed and not got["has_title_among_members"].passed
    for p in people:
        records.rating_record(actor=admin(), unit=tree.a, person=p, year=2022, grade="excellent")
    awarded(tree.a, CSTDCS, people=people[:1], issuer_name=HEAD, council=5, votes=4, on=dt.date(2022, 12, 22))
    got = results(n)
    assert got["all_tasks_done"].passed and got["has_title_among_members"].passed


def test_no_award_under_discipline_and_merit_counts_from_its_end(tree):
    person = join(tree.a)
    record = records.discipline_record(
        actor=admin(), owner=tree.a, person=person, level="investigation", starts_on=dt.date(2022, 3, 1)
    )
    n = nominate(tree.cdvc, "giay-khen", people=[person], issuer=tree.cdvc)
    assert "Đang bị" in results(n)["not_under_discipline"].reason
    record.ends_on = dt.date(2022, 6, 1)
    record.save()
    check = results(n)["not_under_discipline"]
    assert not check.passed and "01/06/2022" in check.reason
    n2023 = nominate(tree.cdvc, "giay-khen", people=[person], issuer=tree.cdvc, year=2023)
    assert results(n2023)["not_under_discipline"].passed


def test_medal_after_twenty_years_once_in_a_lifetime():
    root = make_unit("OLDROOT", "Tổng Liên đoàn Lao động Việt Nam", kind="tong-ldld", on=dt.date(1990, 1, 1))
    cs = make_unit("OLDCS", "Công đoàn Sở Y tế", root, on=dt.date(1990, 1, 1))
    born = {"date_of_birth": dt.date(1970, 1, 1)}
    # The junior's membership counts too (the catalogue row counts every kind): joined in 2010.
    veteran, junior = join(cs, on=dt.date(1995, 1, 1), **born), join(cs, on=dt.date(2010, 1, 1), **born)
    chair = PositionKind.objects.get(code="uy-vien-bch")
    position_assign(actor=admin(), person=veteran, position=chair, unit=cs, valid_from=dt.date(2000, 1, 1))
    position_assign(actor=admin(), person=junior, position=chair, unit=cs, valid_from=dt.date(2010, 1, 1))
    n = nominate(cs, "knc", people=[veteran, junior], issuer=root)
    lines = {line.person_id: {r.check: r for r in rows} for line, rows in services.line_checks(n)}
    years = lines[veteran.pk]["service_years"]
    assert years.passed and ("Số năm cần có", "20") in years.data
    assert any("01/01/2000" in k for k, _v in years.data)  # the computation, period by period
    assert not lines[junior.pk]["service_years"].passed
    awarded(cs, "knc", people=[veteran], issuer=root)
    with pytest.raises(ValidationError, match="chỉ tặng một lần"):
        nominate(cs, "knc", people=[veteran], issuer=root, year=2023)


def test_a_form_needing_preceding_years_checks_them(tree):
    EligibilityRule.objects.create(
        rule="preceding_years",
        target="bk-ldld",
        params={"title": LDTT, "years": 2},
        valid_from=dt.date(2017, 1, 1),
    )
    person = join(tree.a)
    awarded(tree.a, LDTT, people=[person], issuer_name=HEAD, year=2021)
    n = nominate(tree.cdvc, "bk-ldld", people=[person], issuer=tree.prov)
    check = results(n)["preceding_years"]
    assert not check.passed and "2020" in check.reason


def test_ties_prefer_women(tree):
    man, woman = join(tree.a, sex="M", name="Trần Văn Nam"), join(tree.a, sex="F", name="Lê Thị Hoa")
    n = nominate(tree.cdvc, "giay-khen", people=[man, woman], issuer=tree.cdvc, council=9, votes=7)
    ranked = eligibility.ranked(list(n.lines.select_related("person")), on=dt.date(2022, 12, 31))
    assert [line.person for line, _note in ranked] == [woman, man]
    assert ranked[0][1] == "Ưu tiên nữ khi bằng phiếu" and ranked[1][1] == ""


def test_ties_prefer_collectives_with_seventy_percent_women(tree):
    """Among collectives with equal votes, one whose people are at least 70 % women (the stored
    ``prefer_women`` rule's ``collective_percent``) comes first, and the ranking says so."""
    for unit, women in ((tree.a, 7), (tree.b, 6)):  # 70 % exactly; 60 %
        for i in range(10):
            join(unit, sex="F" if i < women else "M")
    n = nominate(tree.cdvc, "giay-khen", units=[tree.b, tree.a], issuer=tree.cdvc, council=9, votes=7)
    ranked = eligibility.ranked(list(n.lines.all()), on=dt.date(2022, 12, 31))
    assert [(line.unit_id, note) for line, note in ranked] == [
        (tree.a.pk, "Ưu tiên nữ khi bằng phiếu"),
        (tree.b.pk, ""),
    ]


def _cstdcs(unit, person, year):
    records.rating_record(actor=admin(), unit=unit, person=person, year=year, grade="excellent")
    awarded(unit, LDTT, people=[person], issuer_name=HEAD, year=year)
    awarded(unit, CSTDCS, people=[person], issuer_name=HEAD, year=year, council=10, votes=9)


def test_the_seeded_two_years_rule_reads_the_law_and_warns_without_refusing(tree):
    row = EligibilityRule.objects.get(rule="preceding_years", target="bk-tld")
    assert row.valid_from == dt.date(2024, 1, 1) and "Điều 74 khoản 1 điểm d" in row.source
    twice, once = join(tree.a, name="Nguyễn Thị Hai Lần"), join(tree.a, name="Trần Văn Một Lần")
    for person in (twice, once):
        _cstdcs(tree.a, person, 2024)
    _cstdcs(tree.a, twice, 2023)
    n = nominate(tree.cdvc, "bk-tld", people=[twice, once], issuer=tree.root, year=2024)
    by_person = {line.person_id: {r.check: r for r in rows} for line, rows in services.line_checks(n)}
    ok, missing = by_person[twice.pk]["preceding_years"], by_person[once.pk]["preceding_years"]
    assert ok.passed and "2023, 2024" in ok.reason
    assert not missing.passed and missing.advisory and "2023" in missing.reason
    services.nomination_step(actor=admin(), nomination=n, step="submit")  # advisory: not refused
    assert n.state == "reviewing"
    # Before the Law 06/2022 was in force the row does not apply.
    old = nominate(tree.cdvc, "bk-tld", people=[once], issuer=tree.root, year=2023)
    assert "preceding_years" not in results(old)


def test_the_two_years_rule_accepts_its_alternative_excellent_years_with_initiatives(tree):
    from .factories import recognised_initiative

    person = join(tree.a)
    for year in (2023, 2024):
        records.rating_record(actor=admin(), unit=tree.a, person=person, year=year, grade="excellent")
        recognised_initiative(tree.a, [person], year=year, title=f"Sáng kiến {year}")
    n = nominate(tree.cdvc, "bk-tld", people=[person], issuer=tree.root, year=2024)
    check = results(n)["preceding_years"]
    assert check.passed and "2 sáng kiến" in check.reason


def test_decree_91_multiples_cite_article_73_from_its_entry_into_force():
    from congdoan.awards.bonus import multiple_of
    from congdoan.awards.models import BonusMultiple, Form

    bk, gk = Form.objects.get(code="bk-ldld"), Form.objects.get(code="giay-khen")
    on = dt.date(2022, 6, 1)
    assert [multiple_of(bk, r, on) for r in ("individual", "collective")] == [1, 2]
    assert [str(multiple_of(gk, r, on)) for r in ("individual", "collective")] == ["0.30", "0.60"]
    assert multiple_of(bk, "individual", dt.date(2017, 9, 30)) is None  # Decree 91 not yet in force
    rows = BonusMultiple.objects.filter(valid_to=dt.date(2025, 7, 1))
    assert rows and all(r.valid_from == dt.date(2017, 10, 1) and "Điều 73" in r.source for r in rows)


def test_medal_years_merge_every_position_and_earlier_work():
    """Every officer position, past and present, in any unit, the membership periods and recorded
    earlier union work; overlapping periods count once, and the computation is shown period by
    period with what each one was."""
    from congdoan.members.services import position_end

    root = make_unit("MROOT", "Tổng Liên đoàn Lao động Việt Nam", kind="tong-ldld", on=dt.date(1990, 1, 1))
    upper = make_unit(
        "MUP", "Công đoàn Viên chức tỉnh M", root, kind="cd-cap-tren-co-so", on=dt.date(1990, 1, 1)
    )
    cs = make_unit("MCS", "Công đoàn Trường M", upper, on=dt.date(1990, 1, 1))
    person = join(cs, on=dt.date(2003, 1, 1), date_of_birth=dt.date(1972, 1, 1))
    member = PositionKind.objects.get(code="uy-vien-bch")
    past = position_assign(
        actor=admin(), person=person, position=member, unit=cs, valid_from=dt.date(2004, 1, 1)
    )
    position_end(actor=admin(), position_held=past, on=dt.date(2012, 1, 1))
    position_assign(actor=admin(), person=person, position=member, unit=upper, valid_from=dt.date(2010, 1, 1))
    records.earlier_service_record(
        actor=admin(),
        owner=cs,
        person=person,
        starts_on=dt.date(2000, 1, 1),
        ends_on=dt.date(2005, 1, 1),
        position="Tổ trưởng công đoàn",
        organisation="Công đoàn bộ phận cũ",
    )
    on = dt.date(2022, 12, 31)
    years, periods = eligibility.service_years(person.pk, on)
    # The ended position, the current one above, the membership, the earlier work.
    assert sorted(p.kind for p in periods) == ["earlier", "member", "officer", "officer"]
    assert round(years, 1) == round((on - dt.date(2000, 1, 1)).days / 365.25, 1)  # 2000–2022, once
    n = nominate(cs, "knc", people=[person], issuer=root)
    check = {r.check: r for r in services.line_checks(n)[0][1]}["service_years"]
    assert check.passed
    keys = [k for k, _v in check.data]
    assert "Chức vụ công đoàn 01/01/2004 – 01/01/2012" in keys and any("01/01/2010" in k for k in keys)
    assert "Sinh hoạt công đoàn 01/01/2003 – 31/12/2022" in keys
    assert any(k.startswith("Công tác công đoàn trước đây 01/01/2000") for k in keys)
    assert any("Công đoàn Viên chức tỉnh M" in v for _k, v in check.data)
    assert ("Tổng số năm công tác công đoàn", "23") in check.data
