from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from congdoan.core.dates import parse_date
from congdoan.members.maintenance import refresh_current_units


class Command(BaseCommand):
    help = (
        "Cập nhật đơn vị sinh hoạt hiện tại của đoàn viên theo các thay đổi cơ cấu đến hạn (chạy hằng ngày). "
        "/ Bring members' current unit and path up to date with structure changes that have come into effect."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="dd/mm/yyyy hoặc yyyy-mm-dd (mặc định: hôm nay / default today)")

    def handle(self, *args, on=None, **options):
        try:
            on = parse_date(on, field="on")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        changed = refresh_current_units(on=on)
        self.stdout.write(f"Đã cập nhật {changed} dòng / {changed} rows updated.")
