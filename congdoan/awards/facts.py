"""The records the eligibility checks read for the lines of one dossier, fetched once for all of
them (issue 12 §3; DEVELOPERS.md: a page does not grow with its rows)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from congdoan.organizations.permissions import path_of_units

from .eligibility import _severe_in_year, people_of_units, union_periods_of
from .models import Award, Discipline, TaskRating


@dataclass
class Facts:
    """The records the checks read for the lines of one dossier, fetched once for all of them so a
    page costs the same number of queries for 1 line or 50 (DEVELOPERS.md: lists do not grow).
    Built by ``Facts.load``; a check given a subject without facts queries for itself."""

    awards: list = field(default_factory=list)  # Award rows of the lines' people and collectives
    grades: dict = field(default_factory=dict)  # (person id, year) -> TaskRating.Grade
    disciplines: list = field(default_factory=list)  # Discipline rows of the lines, started by ``on``
    paths: dict = field(default_factory=dict)  # unit id -> path on ``on`` (issuer, proposing unit)
    periods: dict = field(default_factory=dict)  # person id -> union_periods
    people: dict = field(default_factory=dict)  # collective id -> people_of at the year's end
    severe: list = field(default_factory=list)  # severe Discipline rows of those people in the year

    @classmethod
    def load(cls, lines, *, on: dt.date, year: int, unit_id: int, issuer_id: int | None) -> "Facts":
        person_ids = [ln.person_id for ln in lines if ln.person_id]
        unit_ids = [ln.unit_id for ln in lines if ln.unit_id and not ln.person_id]
        people = people_of_units(unit_ids, min(on, dt.date(year, 12, 31)))
        members = sorted({pid for ids in people.values() for pid in ids})
        awards = list(
            Award.objects.filter(Q(person_id__in=person_ids + members) | Q(unit_id__in=unit_ids))
            .select_related("form", "title", "decision__document")
            .order_by("year", "pk")
        )
        grades = {
            (pid, year): grade
            for pid, year, grade in TaskRating.objects.filter(person_id__in=person_ids + members).values_list(
                "person_id", "year", "grade"
            )
        }
        disciplines = list(
            Discipline.objects.filter(starts_on__lte=on).filter(
                Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)
            )
        )
        paths = path_of_units([u for u in (unit_id, issuer_id) if u], on)
        periods = union_periods_of(person_ids, on)
        return cls(awards, grades, disciplines, paths, periods, people, _severe_in_year(members, year))

    def awarded(self, code: str, *, person_id=None, unit_id=None, year=None) -> list:
        return [
            a
            for a in self.awards
            if (a.form_id and a.form.code == code or a.title_id and a.title.code == code)
            and (person_id is None or a.person_id == person_id)
            and (unit_id is None or a.unit_id == unit_id)
            and (year is None or a.year == year)
        ]
