from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

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
            self.stdout.write(
                _("Task %(id)s enqueued (%(status)s).")
                % {"id": result.id, "status": result.status}
            )
            return
        feeds = ExternalFeed.objects.filter(is_active=True).select_related("desa")
        wanted = options["desa"]
        if wanted:
            feeds = feeds.filter(
                Q(desa__kode_kemendagri=wanted) | Q(desa__slug=wanted.lower())
            )
            if not feeds.exists():
                raise CommandError(
                    _("No active feed for desa %(desa)s.") % {"desa": wanted}
                )
        report = sync_all(feeds)
        for feed_report in report.feeds:
            names = {"feed": feed_report.feed}
            if feed_report.status == "error":
                line = self.style.ERROR(
                    _("FAILED %(feed)s: %(message)s")
                    % {**names, "message": feed_report.message}
                )
            elif feed_report.status == "not-modified":
                line = _("not modified: %(feed)s") % names
            else:
                line = _(
                    "read %(feed)s: %(created)s new, %(updated)s updated, "
                    "%(unchanged)s unchanged"
                ) % {
                    **names,
                    "created": feed_report.created,
                    "updated": feed_report.updated,
                    "unchanged": feed_report.unchanged,
                }
            self.stdout.write(line)
        summary = _(
            "%(feeds)s feeds, %(failed)s failed; %(created)s new and "
            "%(updated)s updated items."
        ) % {
            "feeds": len(report.feeds),
            "failed": report.failed,
            "created": report.total("created"),
            "updated": report.total("updated"),
        }
        if report.failed:
            self.stdout.write(self.style.WARNING(summary))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))
