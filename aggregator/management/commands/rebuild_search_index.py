import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from aggregator.backends import get_backend, get_database_backend, uses_separate_engine
from aggregator.models import OutboxEntry
from aggregator.sources.registry import all_sources


def all_records():
    """Every registered source's public records, in registration order."""
    for source in all_sources():
        yield from source.all_records()


def with_progress(records, total: int, write):
    width = 30
    for done, record in enumerate(records, start=1):
        if done % 200 == 0 or done == total:
            filled = int(width * done / max(total, 1))
            write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )
        yield record


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the published pages: the database engine "
        "and, when configured, Elasticsearch (a new index, then an atomic alias "
        "switch: no downtime). Idempotent."
    )

    def handle(self, *args, **options):
        started_at, started = timezone.now(), time.perf_counter()
        total = sum(source.count() for source in all_sources())
        engines = [get_database_backend()]
        if uses_separate_engine():
            engines.append(get_backend())
        for engine in engines:
            self.stdout.write(f"{engine.name}:")
            records = with_progress(all_records(), total, self.stdout.write)
            indexed = engine.rebuild(records)
            self.stdout.write("")
        # Changes recorded before the rebuild started are now reflected.
        OutboxEntry.objects.filter(created_at__lt=started_at).delete()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {indexed} records in {elapsed:.1f} s "
                f"({', '.join(engine.name for engine in engines)})."
            )
        )
