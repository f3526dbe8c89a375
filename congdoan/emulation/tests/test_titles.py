"""The titles catalogue (danh hiệu thi đua) and the registration lines that name them."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from congdoan.emulation.models import IssuerLevel, Recipient, RegistrationEntry, Title

pytestmark = pytest.mark.django_db


def test_the_titles_are_seeded_with_the_decree_152_multiples():
    multiples = {t.code: t.bonus_multiple for t in Title.objects.all()}
    assert multiples["lao-dong-tien-tien"] == Decimal("0.30")
    assert multiples["chien-si-thi-dua-co-so"] == Decimal("1.00")
    assert multiples["tap-the-lao-dong-tien-tien"] == Decimal("0.80")
    assert multiples["tap-the-lao-dong-xuat-sac"] == Decimal("1.50")
    assert multiples["co-thi-dua-ldld-tinh"] == Decimal("8.00")
    advanced = Title.objects.get(code="lao-dong-tien-tien")
    assert advanced.recipient == Recipient.INDIVIDUAL
    assert advanced.issuer_level == IssuerLevel.THU_TRUONG
    assert Title.objects.get(code="co-thi-dua-tong-ldld").issuer_level == IssuerLevel.TONG_LDLD


def test_a_title_reads_for_its_period_only():
    import datetime as dt

    title = Title.objects.get(code="lao-dong-tien-tien")
    title.valid_to = dt.date(2030, 1, 1)
    title.save()
    assert Title.objects.active(dt.date(2023, 6, 1)).filter(pk=title.pk).exists()
    assert not Title.objects.active(dt.date(2030, 6, 1)).filter(pk=title.pk).exists()


def test_a_registration_line_names_exactly_one_recipient(tree):
    from congdoan.emulation.tests.factories import movement, registration

    reg = registration(movement(tree.cdvc), tree.a)
    title = Title.objects.get(code="tap-the-lao-dong-tien-tien")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationEntry.objects.create(registration=reg, title=title)
