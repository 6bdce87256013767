import time

from django.core.management.base import BaseCommand

from aggregator import outbox


class Command(BaseCommand):
    help = (
        "Apply pending search index changes (the outbox). Entries whose engine "
        "is down stay and are retried with backoff. --loop keeps running as a "
        "worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between rounds."
        )

    def handle(self, *args, loop=False, interval=5.0, **options):
        while True:
            report = outbox.process()
            if report.applied or report.failed or not loop:
                self.stdout.write(
                    f"applied {report.applied}, failed {report.failed}, "
                    f"waiting {report.remaining}"
                )
            if not loop:
                return
            time.sleep(interval)
