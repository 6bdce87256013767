from django.core.management.base import BaseCommand

from cms.desa.roles import sync_all


class Command(BaseCommand):
    help = (
        "Re-apply role provisioning for the kecamatan and every desa: editor "
        "groups, collections, moderator grants and the review workflow. Safe to "
        "run at any time; it also removes grants added by hand."
    )

    def handle(self, *args, **options):
        count = sync_all()
        self.stdout.write(self.style.SUCCESS(f"Roles synchronised for {count} desa."))
