"""The declared fields of a response serializer produce the response."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from api.cache import LocalEntries
from api.serializers import (
    BlockSerializer,
    ItemSerializer,
    LocationSerializer,
    ProgressReportSerializer,
)


def test_fields_read_and_convert_by_their_type():
    report = SimpleNamespace(
        date=datetime.date(2026, 5, 1), percent=40, note="Pondasi", photo=None
    )
    assert ProgressReportSerializer().to_representation(report) == {
        "date": "2026-05-01",
        "percent": 40,
        "note": "Pondasi",
        "photo": None,
    }
    place = SimpleNamespace(latitude=Decimal("-7.25"), longitude=None, address="")
    assert LocationSerializer().to_representation(place) == {
        "latitude": -7.25,
        "longitude": None,
        "address": "",
    }


def test_a_field_named_like_a_drf_method_reads_the_object():
    # `value` must not be read through DRF's Field.get_value.
    block = SimpleNamespace(type="paragraph", id=None, value={"text": "x"})
    assert BlockSerializer().to_representation(block) == {
        "type": "paragraph",
        "id": None,
        "value": {"text": "x"},
    }


def test_a_dict_is_taken_as_already_made():
    made = {"type": "paragraph", "id": "a1", "value": "<p>x</p>", "extra": 1}
    assert BlockSerializer().to_representation(made) is made


def test_moments_are_in_local_time():
    moment = timezone.make_aware(datetime.datetime(2026, 1, 2, 3, 4), datetime.UTC)
    read = dict(ItemSerializer().readers)["published_at"]
    page = SimpleNamespace(first_published_at=moment)
    assert read(page) == "2026-01-02T10:04:00+07:00"


def test_the_memory_tier_keeps_the_most_recently_used(settings):
    settings.API_LOCAL_CACHE_ENTRIES = 3
    entries = LocalEntries()
    for key in "abcd":
        entries.put(key, {"key": key})
    assert entries.get("a") is None
    assert entries.get("b") == {"key": "b"}  # now the most recent
    settings.API_LOCAL_CACHE_ENTRIES = 2  # applies at the next store
    entries.put("e", {"key": "e"})
    assert [entries.get(key) is not None for key in "bcde"] == [
        True,
        False,
        False,
        True,
    ]
    assert len(entries) == 2
    entries.clear()
    assert len(entries) == 0


def test_a_memory_tier_of_size_zero_keeps_nothing(settings):
    settings.API_LOCAL_CACHE_ENTRIES = 0
    entries = LocalEntries()
    entries.put("a", {"key": "a"})
    assert entries.get("a") is None
    assert len(entries) == 0
