import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from congdoan.demo import data
from congdoan.demo.safety import refuse_outside_development
from congdoan.demo.services import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (cây tổ chức, tài khoản, đoàn viên, sáp nhập 2025). / Load the demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (không phải prod)."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Chỉ nạp khi CSDL chưa có đơn vị nào (make run)."
        )

    def handle(self, *args, force: bool, if_empty: bool, **options):
        refuse_outside_development(force=force)
        from_env = os.environ.get("DEMO_PASSWORD")
        try:
            summary = load_demo(password=from_env or data.DEFAULT_PASSWORD, if_empty=if_empty)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if summary.state == "not_empty":
            self.stdout.write(
                "CSDL đã có dữ liệu; không nạp dữ liệu mẫu. / Database not empty; demo data not loaded."
            )
            return
        if summary.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp dữ liệu mẫu: {summary.units} đơn vị, {summary.members} đoàn viên. / Demo data "
                    f"loaded: {summary.units} units, {summary.members} members."
                )
            )
            password = "(biến DEMO_PASSWORD)" if from_env else data.DEFAULT_PASSWORD
            self.stdout.write(f"Tài khoản mẫu / demo logins (mật khẩu / password: {password}):")
        elif summary.state == "survey_added":
            self.stdout.write(
                self.style.SUCCESS(
                    "Dữ liệu mẫu đã có; đã thêm đoàn khảo sát của bài 000. / Demo data present; seed 000's "
                    "survey mission added."
                )
            )
            self.stdout.write("Tài khoản mẫu / demo logins:")
        else:
            if summary.conferences:
                self.stdout.write(
                    f"Dữ liệu mẫu đã có; đã thêm {summary.conferences} hội nghị. / Demo data already present; "
                    f"{summary.conferences} conferences added."
                )
            else:
                self.stdout.write(
                    "Dữ liệu mẫu đã có; không ghi gì thêm. / Demo data already present; nothing written."
                )
            self.stdout.write("Tài khoản mẫu / demo logins:")
        width = max((len(login.username) for login in summary.logins), default=0)
        for login in summary.logins:
            kept = ""
            if summary.created and not login.created:
                kept = "  [có sẵn, không đổi mật khẩu / pre-existing, password unchanged]"
            self.stdout.write(f"  {login.username:<{width}}  {login.full_name}: {login.holds}{kept}")
