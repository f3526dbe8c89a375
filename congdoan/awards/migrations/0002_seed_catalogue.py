"""The shipped catalogue: forms of commendation with their dated bonus multiples, the eligibility
rules, and the base salary's dated values (``awards.base_salary``)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

from congdoan.awards.catalogue import D152, DECREE_91, DECREE_152, FORMS, RULES, SINCE

BASE_SALARY = (
    (dt.date(2019, 7, 1), dt.date(2023, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (dt.date(2023, 7, 1), dt.date(2024, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), None, 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


def seed(apps, schema_editor):
    Form = apps.get_model("awards", "Form")
    BonusMultiple = apps.get_model("awards", "BonusMultiple")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    RuleValue = apps.get_model("core", "RuleValue")
    for order, (code, name, name_en, level, recipients, once, old, new) in enumerate(FORMS, 1):
        form, created = Form.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "issuer_level": level,
                "recipients": recipients,
                "once_in_lifetime": once,
                "order": order,
                "valid_from": SINCE,
            },
        )
        if not created:
            continue
        for (start, end, source), pair in (((SINCE, D152, DECREE_91), old), ((D152, None, DECREE_152), new)):
            for recipient, value in zip(("individual", "collective"), pair, strict=True):
                if value is not None:
                    BonusMultiple.objects.create(
                        form=form, recipient=recipient, multiple=Decimal(value),
                        valid_from=start, valid_to=end, source=source,
                    )
    for rule, target, params, source in RULES:
        EligibilityRule.objects.get_or_create(
            rule=rule, target=target, valid_from=SINCE, defaults={"params": params, "source": source}
        )
    for start, end, value, source in BASE_SALARY:
        RuleValue.objects.get_or_create(
            key="awards.base_salary", valid_from=start, defaults={"valid_to": end, "value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("core", "0004_rule_value"), ("emulation", "0006_seed_titles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop, hints={"seed": True})]
