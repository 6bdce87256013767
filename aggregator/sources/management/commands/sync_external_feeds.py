from django.core.management.base import BaseCommand, CommandError

from aggregator.sources.models import ExternalFeed
from aggregator.sources.sync import sync_all
from aggregator.sources.tasks import sync_external_feeds


class Command(BaseCommand):
    help = (
        "Read every active external desa feed (RSS 2.0 / Atom) into the search "
        "index as news of its desa. Idempotent; one failing feed never stops the "
        "others. Exits with status 1 when any feed failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--desa",
            help="Only the feeds of this desa (Kemendagri code or slug).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the django-tasks task instead of reading here.",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            result = sync_external_feeds.enqueue()
            self.stdout.write(f"Enqueued task {result.id} ({result.status}).")
            return
        feeds = ExternalFeed.objects.filter(is_active=True).select_related("desa")
        if options["desa"]:
            wanted = options["desa"]
            feeds = feeds.filter(desa__kode_kemendagri=wanted) | feeds.filter(
                desa__slug=wanted
            )
            if not feeds.exists():
                raise CommandError(f"No active feed for desa {wanted!r}.")
        report = sync_all(feeds)
        for feed_report in report.feeds:
            feed = feed_report.feed
            if feed_report.status == "error":
                line = self.style.ERROR(f"ERROR {feed}: {feed_report.message}")
            elif feed_report.status == "not-modified":
                line = f"not modified {feed}"
            else:
                line = (
                    f"read {feed}: {feed_report.created} new, "
                    f"{feed_report.updated} updated, {feed_report.unchanged} unchanged"
                )
            self.stdout.write(line)
        summary = (
            f"{len(report.feeds)} feeds, {report.failed} failed; "
            f"{report.total('created')} new and "
            f"{report.total('updated')} updated items."
        )
        if report.failed:
            self.stdout.write(self.style.WARNING(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))
