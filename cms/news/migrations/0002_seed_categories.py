from django.db import migrations

CATEGORIES = [
    ("pemerintahan", "Pemerintahan"),
    ("pembangunan", "Pembangunan"),
    ("kesehatan", "Kesehatan"),
    ("pendidikan", "Pendidikan"),
    ("ekonomi", "Ekonomi"),
    ("budaya", "Budaya"),
    ("bencana", "Bencana"),
    ("pengumuman", "Pengumuman"),
]


def seed(apps, schema_editor):
    NewsCategory = apps.get_model("news", "NewsCategory")
    for slug, name in CATEGORIES:
        NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
