"""Corrections of the shipped catalogue, as dated data:

- The Decree 91/2017 bonus rows: the values (Bằng khen 1,0 / 2,0; Giấy khen 0,3 / 0,6) are those of
  its Art. 73 (khoản 1 điểm b, c; khoản 2: a collective twice the individual), but the rows cited
  "Điều 70–72" and started on the signing day (31/07/2017) instead of the day it came into force
  (01/10/2017). The rows are corrected in place (a wrong citation is not history).
- The "two consecutive years" rule (check ``preceding_years``) for the Bằng khen of the Tổng LĐLĐ,
  from 01/01/2024 (Law 06/2022/QH15, Art. 74(1)(d)), advisory: see ``catalogue.TWO_YEARS``.
"""

import datetime as dt

from django.db import migrations

from congdoan.awards.catalogue import D91, DECREE_91, TWO_YEARS

OLD_START = dt.date(2017, 7, 31)
OLD_SOURCE = "Nghị định 91/2017/NĐ-CP, Điều 70–72"


def forwards(apps, schema_editor):
    BonusMultiple = apps.get_model("awards", "BonusMultiple")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    BonusMultiple.objects.filter(valid_from=OLD_START, source__in=[OLD_SOURCE, DECREE_91]).update(
        valid_from=D91, source=DECREE_91
    )
    rule, target, params, source, start = TWO_YEARS
    EligibilityRule.objects.get_or_create(
        rule=rule, target=target, valid_from=start, defaults={"params": params, "source": source}
    )


def backwards(apps, schema_editor):
    BonusMultiple = apps.get_model("awards", "BonusMultiple")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    rule, target, _params, _source, start = TWO_YEARS
    EligibilityRule.objects.filter(rule=rule, target=target, valid_from=start).delete()
    BonusMultiple.objects.filter(valid_from=D91, source=DECREE_91).update(
        valid_from=OLD_START, source=OLD_SOURCE
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_grant_default_permissions")]
    operations = [migrations.RunPython(forwards, backwards, hints={"seed": True})]
