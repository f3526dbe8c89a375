"""The data migrations that clean text stored as typed (``core.cleanup``): rows written before the
rule, on both databases (the candidate expressions run in SQL), batched, unique values kept."""

import importlib
import logging

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core.cleanup import LINE, PHONE, clean_stored
from congdoan.members.models import Membership, Person
from congdoan.members.tests.factories import join
from congdoan.organizations.models import Unit, UnitVersion
from congdoan.organizations.tests.factories import make_unit


def migration(app: str, name: str):
    return importlib.import_module(f"congdoan.{app}.migrations.{name}")


def store_as_typed(model, pk: int, **values) -> None:
    """Write ``values`` as they were stored before the rule: past the model fields' cleaning."""
    table = model._meta.db_table
    columns = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*values.values(), pk])


def stored(model, pk: int, *columns):
    return model.objects.filter(pk=pk).values_list(*columns).get()


@pytest.fixture
def register(tree, officer_a):
    """Four members as an earlier version stored them: a pasted name, a look-alike Đ, a phone with
    +84, a lower-case card taken by another member in upper case, and one clean member."""
    lan = join(tree.a, name="Nguyễn Thị Lan", actor=officer_a, card_number="T000001")
    dang = join(tree.a, name="Đặng Văn Đức", actor=officer_a, card_number="T000002")
    twin = join(tree.a, name="Lê Văn Hai", actor=officer_a, card_number="T000003")
    clean = join(tree.a, name="Trần Văn Sạch", actor=officer_a, card_number="T000004", phone="0987654321")
    store_as_typed(
        Person, lan.pk, full_name="\ufeffNguyễn Thị\u200b  Lan\x07", name_folded="\ufeffnguyen thi\u200b lan"
    )
    store_as_typed(
        Person, dang.pk, full_name="Ðặng Văn Ðức", name_folded="ðang van ðuc", phone="+84 912 345 678"
    )
    store_as_typed(Person, twin.pk, card_number="t000004\u200b", job_title=" Bác sĩ ", phone="+84987000111")
    store_as_typed(Membership, twin.memberships.get().pk, card_number="t000004\u200b")
    store_as_typed(Membership, lan.memberships.get().pk, card_number="t000001", end_note="\u00adx")
    return {"lan": lan.pk, "dang": dang.pk, "twin": twin.pk, "clean": clean.pk}


def test_the_migration_cleans_stored_members(register, caplog):
    with caplog.at_level(logging.WARNING, logger="congdoan.cleanup"):
        migration("members", "0010_clean_stored_text").clean(apps, None)
    assert stored(Person, register["lan"], "full_name", "name_folded") == ("Nguyễn Thị Lan", "nguyen thi lan")
    assert stored(Person, register["dang"], "full_name", "name_folded", "phone") == (
        "Đặng Văn Đức",
        "dang van duc",
        "0912345678",
    )
    assert Membership.objects.get(person_id=register["lan"]).card_number == "T000001"
    assert Membership.objects.get(person_id=register["lan"]).end_note == "x"
    # T000004 is the clean member's: the twin's card is kept as stored (an officer decides), its
    # period's too, the rest of the row is cleaned and the id (never the number) is logged.
    assert stored(Person, register["twin"], "card_number", "job_title", "phone") == (
        "t000004\u200b",
        "Bác sĩ",
        "0987000111",
    )
    assert Membership.objects.get(person_id=register["twin"]).card_number == "t000004\u200b"
    assert [r.getMessage() for r in caplog.records] == [
        f"members.Person {register['twin']}: unique value kept as stored (its clean form is taken)"
    ]
    assert stored(Person, register["clean"], "full_name", "card_number", "phone") == (
        "Trần Văn Sạch",
        "T000004",
        "0987654321",
    )


def test_rows_are_read_and_written_in_batches_of_constant_statements(tree, officer_a):
    people = [join(tree.a, name=f"Người {n}", actor=officer_a).pk for n in range(12)]
    for pk in people:
        store_as_typed(Person, pk, job_title="\u200bKỹ  sư", phone="84 912 345 678")
    with CaptureQueriesContext(connection) as queries:
        clean_stored(Person, {"job_title": LINE, "phone": PHONE}, batch=5)
    assert set(Person.objects.filter(pk__in=people).values_list("job_title", "phone")) == {
        ("Kỹ sư", "0912345678")
    }
    reads = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 4  # 5 + 5 + 2 rows, then an empty page
    # each batch: a savepoint around one UPDATE (PostgreSQL: with its temporary table): 5 at most
    assert len(queries.captured_queries) <= 4 + 3 * 5
    with CaptureQueriesContext(connection) as again:
        clean_stored(Person, {"job_title": LINE, "phone": PHONE}, batch=5)
    assert len(again.captured_queries) == 1  # nothing left to clean: one read finds no candidate


def test_the_migration_cleans_units_and_recomputes_their_folded_names(tree, admin_user):
    unit = make_unit("DANG", "Công đoàn Trường Đại học", tree.cdvc)
    version = unit.latest_version
    store_as_typed(Unit, unit.pk, code="dang\u200b-01", note="  Ghi chú\u00ad  \r\nDòng hai \n")
    store_as_typed(
        UnitVersion,
        version.pk,
        name="Công đoàn Trường Ðại học\u200b",
        name_folded="cong doan truong ðai hoc\u200b",
    )
    migration("organizations", "0005_clean_stored_text").clean(apps, None)
    assert stored(Unit, unit.pk, "code", "note") == ("DANG-01", "Ghi chú\nDòng hai")
    assert stored(UnitVersion, version.pk, "name", "name_folded") == (
        "Công đoàn Trường Đại học",
        "cong doan truong dai hoc",
    )


def test_the_migration_cleans_accounts_but_not_passwords(officer_a):
    password = officer_a.password
    store_as_typed(type(officer_a), officer_a.pk, full_name="Cán\u200b bộ  A", email=" a@example.vn\u200b")
    migration("accounts", "0005_clean_stored_text").clean(apps, None)
    officer_a.refresh_from_db()
    assert (officer_a.full_name, officer_a.email, officer_a.password) == (
        "Cán bộ A",
        "a@example.vn",
        password,
    )
