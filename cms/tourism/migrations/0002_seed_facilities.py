from django.db import migrations

FACILITIES = [
    ("parkir", "Parkir"),
    ("toilet", "Toilet"),
    ("mushola", "Mushola"),
    ("warung-makan", "Warung makan"),
    ("gazebo", "Gazebo"),
    ("area-swafoto", "Area swafoto"),
    ("homestay", "Homestay"),
    ("pemandu-wisata", "Pemandu wisata"),
    ("jalur-trekking", "Jalur trekking"),
    ("kolam-rendam", "Kolam rendam"),
]


def seed(apps, schema_editor):
    TourismFacility = apps.get_model("tourism", "TourismFacility")
    for slug, name in FACILITIES:
        TourismFacility.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("tourism", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
