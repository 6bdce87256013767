import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.core.storage import ORIGINAL_IMAGES, has_token_name, token_name

OLD_FOLDERS = (ORIGINAL_IMAGES, "documents")


def sha1_of(path: Path) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Move the originals of images and documents from MEDIA_ROOT (where older "
        "versions kept them, publicly) into the private storage "
        "(PRIVATE_MEDIA_ROOT), giving original images random names and dropping "
        "their renditions (named after the old, guessable name; made again on "
        "use). Idempotent; a file is removed from its old place only after its "
        "copy has been checked and recorded."
    )

    def handle(self, *args, **options):
        self.public_root = Path(settings.MEDIA_ROOT)
        if Path(settings.PRIVATE_MEDIA_ROOT).resolve() == self.public_root.resolve():
            raise CommandError("PRIVATE_MEDIA_ROOT must not be MEDIA_ROOT.")
        counts = {"moved": 0, "already private": 0, "missing": 0}
        records = [
            *get_image_model().objects.order_by("pk"),
            *get_document_model().objects.order_by("pk"),
        ]
        for done, record in enumerate(records, start=1):
            counts[self.move(record)] += 1
            self.stdout.write(f"\r{done}/{len(records)}", ending="")
        self.stdout.write("")
        removed, left = self.sweep()
        self.stdout.write(
            f"{counts['moved']} moved, {counts['already private']} already private, "
            f"{counts['missing']} missing, {removed} leftover copies removed."
        )
        for path in left:
            self.stdout.write(
                f"Left in place (no record has this file; not served): {path}"
            )

    def move(self, record) -> str:
        name = record.file.name
        is_image = isinstance(record, get_image_model())
        in_private = default_storage.exists(name)
        if in_private and (has_token_name(name) or not is_image):
            return "already private"
        source = Path(default_storage.path(name)) if in_private else self.old(name)
        if source is None or not source.is_file():
            self.stderr.write(f"\nMissing file of {record!r}: {name}")
            return "missing"
        with source.open("rb") as handle:
            new_name = default_storage.save(
                token_name(name) if is_image else name, File(handle)
            )
        if sha1_of(Path(default_storage.path(new_name))) != sha1_of(source):
            default_storage.delete(new_name)
            raise CommandError(f"The copy of {name} differs; nothing was changed.")
        with transaction.atomic():
            record.file = new_name
            record.save(update_fields=["file"])
            if is_image:
                record.renditions.all().delete()
        source.unlink()
        return "moved"

    def old(self, name: str) -> Path | None:
        """The file under MEDIA_ROOT, or None if `name` leaves it."""
        path = (self.public_root / name).resolve()
        if not path.is_relative_to(self.public_root.resolve()):
            return None
        return path

    def sweep(self) -> tuple[int, list[Path]]:
        """Old copies left by an interrupted run: removed when a record's
        private file has the same content, else listed."""
        removed, left = 0, []
        for folder in OLD_FOLDERS:
            for path in sorted((self.public_root / folder).glob("*")):
                if path.is_file() and self.has_private_copy(path):
                    path.unlink()
                    removed += 1
                elif path.is_file():
                    left.append(path)
        return removed, left

    def has_private_copy(self, path: Path) -> bool:
        digest = sha1_of(path)
        for model in (get_image_model(), get_document_model()):
            for record in model.objects.filter(file_hash=digest):
                if default_storage.exists(record.file.name) and (
                    sha1_of(Path(default_storage.path(record.file.name))) == digest
                ):
                    return True
        return False
