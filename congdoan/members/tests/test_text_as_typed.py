"""Issue 9, "Text as typed": names, card numbers and phones as officers paste and type them, through
every door of the register (service, web form, API, Excel import, bulk insert): stored clean,
found, sorted with the others, one card one person, one phone form; garbage phones refused by field.
"""

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congdoan.core.bulk.insert import bulk_insert
from congdoan.members import import_write, services
from congdoan.members.models import Membership, Person
from congdoan.members.selectors import MemberFilters, member_search
from congdoan.members.tests.factories import join
from congdoan.members.tests.test_importing import member, write_xlsx

# The names: a BOM, a soft hyphen, a zero-width space and a control character pasted in.
DIRTY_NAME = "\ufeffAn Thị\u00ad Hoa\u200b\x07"
CLEAN_NAME = "An Thị Hoa"
DANG = "Ðặng Văn Ðức"  # U+00D0, a look-alike of Đ
PHONE_TYPED = "+84 912 345 678"
PHONE = "0912345678"


def found(actor, q: str) -> list[str]:
    return [p.full_name for p in member_search(actor=actor, filters=MemberFilters(q=q))]


def everyone(actor, sort: str = "family") -> list[str]:
    return [p.full_name for p in member_search(actor=actor, filters=MemberFilters(sort=sort))]


@pytest.fixture
def others(tree, officer_a):
    join(tree.a, name="Trần Văn Bình", sex="M", actor=officer_a, card_number="A-001")
    join(tree.a, name="Dương Thị Cúc", actor=officer_a, card_number="A-002")


# -- the doors, each given the name, phone and a dirty card number -------------------------


def by_service(tree, actor, **person):
    services.member_join(actor=actor, unit=tree.a, on=dt.date(2024, 3, 1), **person)


def by_form(tree, actor, client, **person):
    client.force_login(actor)
    data = {"unit": tree.a.pk, "on": "01/03/2024", **person}
    response = client.post(reverse("members:join"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def by_api(tree, actor, call, **person):
    response = call(actor, "POST", "/members", {"unit_id": tree.a.pk, "on": "2024-03-01", **person})
    assert response.status_code == 201, response.content


def by_import(tree, actor, tmp_path, **person):
    sex = {"M": "Nam", "F": "Nữ"}[person.pop("sex")]
    row = member(1, sex=sex, id_number="", **person)
    plan = import_write.import_file(actor=actor, path=write_xlsx(tmp_path / "nhap.xlsx", [row]))
    assert plan.summary()["create"] == 1, plan.messages()


def by_bulk_insert(tree, actor, **person):
    """What the generators and the import's write do: one bulk insert (COPY on PostgreSQL), then a
    membership period with its stored marks (the person's first period, their sex); the folded name
    as ``Person.save`` computes it, from the clean name."""
    now = dt.datetime.now(dt.UTC)
    values = {
        **dict.fromkeys(
            ("email", "ethnicity", "education", "political_theory", "job_position", "job_title"), ""
        ),
        **person,
        "name_folded": "",
        "policy_family": False,
        "hardship": False,
        "unit_id": tree.a.pk,
        "unit_path": tree.a.latest_version.path,
        "status": "active",
        "created_at": now,
        "updated_at": now,
    }
    [pk] = bulk_insert(Person, list(values), [tuple(values.values())])
    stored = Person.objects.get(pk=pk)
    stored.save()
    bulk_insert(
        Membership,
        [
            "person_id",
            "unit_id",
            "card_number",
            "status",
            "valid_from",
            "end_status",
            "end_note",
            "first",
            "sex",
        ],
        [(pk, tree.a.pk, person["card_number"], "active", dt.date(2024, 3, 1), "", "", True, stored.sex)],
        returning=False,
    )
    assert Membership.objects.get(person_id=pk).card_number == stored.card_number


DOORS = ["service", "form", "api", "import", "bulk_insert"]


@pytest.fixture
def through(request, tree, officer_a, client, call, tmp_path):
    def write(door, **person):
        if door == "service":
            by_service(tree, officer_a, **person)
        elif door == "form":
            by_form(tree, officer_a, client, **person)
        elif door == "api":
            by_api(tree, officer_a, call, **person)
        elif door == "import":
            by_import(tree, officer_a, tmp_path, **person)
        else:
            by_bulk_insert(tree, officer_a, **person)

    return write


@pytest.mark.parametrize("door", DOORS)
def test_a_name_as_pasted_is_stored_clean_found_and_sorted(door, through, tree, officer_a, others):
    through(door, full_name=DIRTY_NAME, sex="F", phone=PHONE_TYPED, card_number="ａ\u200b-003")
    person = Person.objects.get(card_number="A-003")
    assert (person.full_name, person.name_folded, person.phone) == (CLEAN_NAME, "an thi hoa", PHONE)
    assert found(officer_a, "an thi hoa") == [CLEAN_NAME] == found(officer_a, "An Thị Hoa")
    assert everyone(officer_a)[0] == CLEAN_NAME  # "An…" first, not after "Trần" (it sorted last)
    assert everyone(officer_a, "name")[-1] == CLEAN_NAME  # by given name: Bình, Cúc, Hoa


@pytest.mark.parametrize("door", DOORS)
def test_a_name_typed_with_eth_is_found_as_dang(door, through, tree, officer_a, others):
    through(door, full_name=DANG, sex="M", phone="", card_number="A-004")
    assert Person.objects.get(card_number="A-004").full_name == "Đặng Văn Đức"
    for q in ("dang", "Đặng", "Ðặng", "dang van duc", "ĐẶNG"):
        assert found(officer_a, q) == ["Đặng Văn Đức"], q
    # Sorted as Đ (after D), not after every letter as the look-alike was.
    assert everyone(officer_a) == ["Dương Thị Cúc", "Đặng Văn Đức", "Trần Văn Bình"]


@pytest.mark.parametrize("door", DOORS)
def test_a_phone_in_any_form_is_stored_one_way_and_found_any_way(door, through, tree, officer_a, others):
    through(door, full_name="Lê Thị Điện", sex="F", phone=PHONE_TYPED, card_number="A-005")
    assert Person.objects.get(card_number="A-005").phone == PHONE
    for q in (PHONE_TYPED, "+84912345678", "84912345678", "0912.345.678", "0912 345 678", PHONE, "+84 912"):
        assert found(officer_a, q) == ["Lê Thị Điện"], q


def test_plus_84_finds_a_phone_stored_with_0(call, tree, officer_a):
    join(tree.a, name="Nguyễn Thị Lan", actor=officer_a, phone="0987654321")
    for q in ("+84 987 654 321", "+84987654321", "0084 987 654 321", "0987.654.321"):
        response = call(officer_a, "GET", "/members?q=" + quote(q))
        assert [m["full_name"] for m in response.json()["items"]] == ["Nguyễn Thị Lan"], q


def test_a_foreign_phone_keeps_its_country_code(tree, officer_a):
    person = join(tree.a, name="Nguyễn Thị Lan", actor=officer_a, phone="0033 6 12 34 56 78")
    assert person.phone == "+33612345678"
    assert found(officer_a, "+33 6 12") == ["Nguyễn Thị Lan"]


# -- garbage phones: refused by field, in Vietnamese, nothing written -------------------------------

BAD_PHONE = "09123abc"
BAD_MESSAGE = "Số điện thoại '09123abc' không hợp lệ"


def test_a_bad_phone_is_refused_by_the_service_naming_the_field(tree, officer_a):
    with pytest.raises(ValidationError) as exc:
        services.member_join(
            actor=officer_a, unit=tree.a, on=dt.date(2024, 3, 1), full_name="A", sex="F", phone=BAD_PHONE
        )
    assert exc.value.message_dict["phone"][0].startswith(BAD_MESSAGE)
    assert not Person.objects.exists()


def test_a_bad_phone_is_refused_by_the_form_on_its_field(client, tree, officer_a):
    client.force_login(officer_a)
    data = {"unit": tree.a.pk, "on": "01/03/2024", "full_name": "A", "sex": "F", "phone": BAD_PHONE}
    response = client.post(reverse("members:join"), data)
    assert response.context["form"].errors["phone"][0].startswith(BAD_MESSAGE)
    assert not Person.objects.exists()


def test_a_bad_phone_is_refused_by_the_api_on_its_field(call, tree, officer_a):
    body = {"unit_id": tree.a.pk, "on": "2024-03-01", "full_name": "A", "sex": "F", "phone": BAD_PHONE}
    response = call(officer_a, "POST", "/members", body)
    assert response.status_code == 422 and response.json()["errors"]["phone"][0].startswith(BAD_MESSAGE)
    assert not Person.objects.exists()


def test_a_bad_phone_is_refused_by_the_import_naming_row_and_column(tree, officer_a, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [member(1), member(2, phone=BAD_PHONE)])
    with pytest.raises(ValidationError) as exc:
        import_write.import_file(actor=officer_a, path=path)
    assert any(m.startswith(f"Dòng 3, cột 'Điện thoại': {BAD_MESSAGE}") for m in exc.value.messages)
    assert not Person.objects.exists()


# -- one card, one person --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["T000777", "t000777", "T\u200b000777", "Ｔ０００７７７", " T 000777 "])
def test_a_card_typed_another_way_is_the_same_card(typed, tree, officer_a, officer_b):
    first = join(tree.a, name="Nguyễn Văn Một", actor=officer_a, card_number="\ufefft000777\u200b")
    assert first.card_number == "T000777"
    with pytest.raises(ValidationError) as exc:
        join(tree.a, name="Nguyễn Văn Hai", actor=officer_a, card_number=typed)
    assert "card_number" in exc.value.message_dict
    assert list(Person.objects.values_list("card_number", flat=True)) == ["T000777"]
    assert Person.objects.filter(card_number=typed).get() == first  # a query matches it too


def test_a_card_typed_another_way_in_an_import_updates_the_same_person(tree, officer_a, tmp_path):
    first = join(tree.a, name="Nguyễn Văn Một", actor=officer_a, card_number="N00001", id_number=None)
    row = member(1, full_name="Nguyễn Văn Một", card_number="n\u200b00001", id_number="", job_title="Bác sĩ")
    plan = import_write.import_file(actor=officer_a, path=write_xlsx(tmp_path / "x.xlsx", [row]))
    assert (plan.summary()["create"], plan.summary()["update"]) == (0, 1)
    assert Person.objects.get().pk == first.pk and Person.objects.get().job_title == "Bác sĩ"
    assert list(Membership.objects.values_list("card_number", flat=True)) == ["N00001"]


def test_id_numbers_compare_equal_however_typed(tree, officer_a):
    join(tree.a, name="Nguyễn Văn Một", actor=officer_a, id_number="001 090\u200b.012-345")
    assert Person.objects.get().id_number == "001090012345"
    with pytest.raises(ValidationError) as exc:
        join(tree.a, name="Nguyễn Văn Hai", actor=officer_a, id_number="００１０９００１２３４５")
    assert "id_number" in exc.value.message_dict


def test_a_name_of_invisible_characters_only_is_no_name(tree, officer_a):
    with pytest.raises(ValidationError) as exc:
        join(tree.a, name="\u200b\ufeff\u00ad", actor=officer_a)
    assert exc.value.message_dict["full_name"] == ["Họ và tên là bắt buộc."]
