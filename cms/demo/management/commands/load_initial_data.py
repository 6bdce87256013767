from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import builder
from cms.demo.idm import build_idm_samples
from cms.demo.opensid import push_opensid_desa


class Command(BaseCommand):
    help = (
        "Build Kecamatan Pejawaran, its 17 desa (official codes) and demo content. "
        "Idempotent: a second run creates nothing new. Demo logins are created "
        "only with the dev settings."
    )

    def handle(self, *args, **options):
        rows = builder.read_desa_rows()
        with transaction.atomic():
            kecamatan = builder.build_kecamatan()
            builder.build_kecamatan_news(kecamatan)
            for index, row in enumerate(rows):
                self.stdout.write(f"[{index + 1:2}/{len(rows)}] Desa {row.name}")
                desa = builder.build_desa(kecamatan, row, index)
                builder.build_desa_content(desa, index)
            build_idm_samples()
            push_opensid_desa(self.stdout.write)
            logins = builder.demo_users(settings.DEMO_USERS)
        self.stdout.write(
            self.style.SUCCESS(f"{kecamatan.title}: {len(rows)} desa ready.")
        )
        if logins:
            self.stdout.write("Demo logins (dev settings only):")
            for username, password, role in logins:
                self.stdout.write(f"  {role:<10} {username:<18} {password}")
