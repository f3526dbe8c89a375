"""Registrations carry the year they are for; deadlines per movement and year and the extensions
granted past them (issue 11 §2). An existing registration is for the year it was made in, kept
within its movement's period; a movement's launch deadline becomes the deadline of its year, in
force from the movement's start."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_years(apps, schema_editor):
    Registration = apps.get_model("emulation", "Registration")
    for r in Registration.objects.select_related("movement").iterator():
        first, last = r.movement.starts_on.year, r.movement.ends_on.year
        Registration.objects.filter(pk=r.pk).update(year=min(max(r.created_at.year, first), last))


def copy_deadlines(apps, schema_editor):
    Movement = apps.get_model("emulation", "Movement")
    RegistrationDeadline = apps.get_model("emulation", "RegistrationDeadline")
    RegistrationDeadline.objects.bulk_create(
        RegistrationDeadline(
            movement=m, year=m.deadline.year, deadline=m.deadline, valid_from=m.starts_on, note=m.plan_reference
        )
        for m in Movement.objects.filter(deadline__isnull=False)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('emulation', '0013_merge_movements_scoring'),
        ('organizations', '0007_unitversion_sort_key'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DeadlineExtension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm đăng ký')),
                ('until', models.DateField(verbose_name='gia hạn đến ngày')),
                ('reason', models.TextField(max_length=2000, verbose_name='lý do gia hạn')),
                ('granted_at', models.DateTimeField(auto_now_add=True, verbose_name='thời điểm gia hạn')),
            ],
            options={
                'verbose_name': 'gia hạn đăng ký thi đua',
                'verbose_name_plural': 'gia hạn đăng ký thi đua',
                'ordering': ['movement_id', 'year', '-granted_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RegistrationDeadline',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('valid_from', models.DateField(verbose_name='từ ngày')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='đến ngày (không gồm)')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm đăng ký')),
                ('deadline', models.DateField(verbose_name='hạn đăng ký')),
                ('note', models.CharField(blank=True, max_length=255, verbose_name='căn cứ')),
            ],
            options={
                'verbose_name': 'hạn đăng ký thi đua',
                'verbose_name_plural': 'hạn đăng ký thi đua',
                'ordering': ['movement_id', 'year', '-valid_from'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='registration',
            name='registration_one_per_unit',
        ),
        migrations.AddField(
            model_name='registration',
            name='year',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='năm đăng ký'),
        ),
        migrations.RunPython(fill_years, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='registration',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='năm đăng ký'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(fields=('movement', 'unit', 'year'), name='registration_one_per_unit_year'),
        ),
        migrations.AddField(
            model_name='deadlineextension',
            name='granted_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cho gia hạn'),
        ),
        migrations.AddField(
            model_name='deadlineextension',
            name='movement',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='extensions', to='emulation.movement'),
        ),
        migrations.AddField(
            model_name='deadlineextension',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.unit', verbose_name='đơn vị được gia hạn'),
        ),
        migrations.AddField(
            model_name='registrationdeadline',
            name='movement',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deadlines', to='emulation.movement'),
        ),
        migrations.AddIndex(
            model_name='deadlineextension',
            index=models.Index(fields=['movement', 'year', 'unit'], name='extension_movement_year_unit'),
        ),
        migrations.AddConstraint(
            model_name='registrationdeadline',
            constraint=models.UniqueConstraint(fields=('movement', 'year', 'valid_from'), name='registrationdeadline_one_per_start'),
        ),
        migrations.AddConstraint(
            model_name='registrationdeadline',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_to__gt', models.F('valid_from')), _connector='OR'), name='registrationdeadline_period_positive'),
        ),
        migrations.RunPython(copy_deadlines, migrations.RunPython.noop),
    ]
