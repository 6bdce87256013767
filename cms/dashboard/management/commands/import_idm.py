from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand

from cms.dashboard.idm_import import ImportProblem, parse, save


class Command(BaseCommand):
    help = (
        "Import Kemendesa per-desa IDM JSON files (mapData). Matched to a desa by "
        "Kemendagri code; idempotent. A file for an unknown desa, a malformed file "
        "or a score outside 0..1 is reported with its name and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--year", type=int, help="Year for files that do not state one."
        )

    def handle(self, *args, files, year=None, **options):
        outcome = Counter()
        for path in files:
            try:
                outcome[save(parse(path, year))] += 1
            except ImportProblem as problem:
                outcome["skipped"] += 1
                self.stderr.write(f"{path}: {problem}")
        self.stdout.write(
            f"created {outcome['created']}, updated {outcome['updated']}, "
            f"unchanged {outcome['unchanged']}, skipped {outcome['skipped']}"
        )
