import json

from django.core.management.base import BaseCommand

from congdoan.core.jobs import queue_state


class Command(BaseCommand):
    help = "Tình trạng hàng đợi công việc nền. / The job queue's state: pending, scheduled, jobs by state."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="one JSON object (for monitoring)"
        )

    def handle(self, *args, as_json: bool = False, **options):
        state = queue_state()
        if as_json:
            self.stdout.write(json.dumps(state, ensure_ascii=False))
            return
        self.stdout.write(f"queue {state['queue']} ({state['storage']})")
        for key in ("pending", "scheduled", "results"):
            self.stdout.write(f"  {key:<16}{state[key]}")
        self.stdout.write("jobs")
        for key, count in state["jobs"].items():
            self.stdout.write(f"  {key:<16}{count}")
        self.stdout.write(f"  {'failed (7 days)':<16}{state['failed_recently']}")
