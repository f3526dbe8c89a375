import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from congdoan.demo.safety import refuse_outside_development
from congdoan.demo.scale import generate_scale
from congdoan.demo.scale_work import WORK_YEAR


class Command(BaseCommand):
    help = (
        "Sinh cây tổ chức lớn và danh sách đoàn viên để đo hiệu năng (ghi thẳng, không ghi nhật ký). "
        "/ Generate a large unit tree and member register for benchmarks (direct writes, no audit rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, required=True, help="Tổng số đơn vị / total units (>= 4).")
        parser.add_argument(
            "--members", type=int, default=0, help="Số đoàn viên, chia cho các CĐCS / members (default 0)."
        )
        parser.add_argument(
            "--work",
            action="store_true",
            help="Thêm một năm công tác (2022) cho mỗi đơn vị / add a year of work (2022) per unit.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="GEN", help="Mã đơn vị gốc, tiền tố mọi mã / root code.")
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (không phải prod)."
        )

    def handle(
        self, *args, units: int, members: int, work: bool, seed: int, prefix: str, force: bool, **options
    ):
        refuse_outside_development(force=force)
        started = time.perf_counter()
        try:
            tree = generate_scale(units=units, members=members, seed=seed, prefix=prefix, work=work)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        elapsed = time.perf_counter() - started
        plan = tree.plan
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sinh {plan.total} đơn vị, {tree.members} đoàn viên / generated {plan.total} units and "
                f"{tree.members} members in {elapsed:.2f}s: 1 gốc/root, {plan.provinces} tỉnh/provinces, "
                f"{plan.mids} cấp trên cơ sở/mid-level, {plan.grassroots} CĐCS (root id {tree.root_id})"
                + (f"; năm công tác/work of {WORK_YEAR}" if work else "")
                + "."
            )
        )
