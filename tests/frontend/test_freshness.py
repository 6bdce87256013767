"""The frontend's cache follows the CMS's content generation: an answer is
reused while the generation it was fetched in is current (asked at most every
CMS_API_CHECK_INTERVAL), never longer than CMS_API_TTL, and during an outage
for at most CMS_API_STALE_MAX after its generation was last seen current.
(Over a real CMS: tests/e2e/test_publish_to_visible.py.)"""

import httpx
import pytest

from frontend_templates.common.client import APIClient, Unavailable

from .fake_api import FakeAPI


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def fake():
    return FakeAPI()


def client(fake, clock, **settings) -> APIClient:
    api = APIClient("http://cms", transport=httpx.MockTransport(fake), **settings)
    api.cache.clock = clock
    return api


def test_the_generation_is_asked_at_most_once_per_interval(fake, clock):
    api = client(fake, clock)
    for _ in range(50):
        api.listing("news")
        api.desa_directory()
        clock.now += 0.01
    assert fake.generation_checks == 1
    assert len(fake.calls) == 2
    clock.now += 1
    api.listing("news")
    assert fake.generation_checks == 2
    assert len(fake.calls) == 2  # same generation: still the cached copy


def test_a_new_generation_drops_every_cached_answer(fake, clock):
    api = client(fake, clock)
    api.listing("news")
    api.desa_directory()
    fake.generation += 1
    clock.now += 0.5
    api.listing("news")
    assert len(fake.calls) == 2  # not asked again within the interval
    clock.now += 0.5
    api.listing("news")
    api.desa_directory()
    assert len(fake.calls) == 4
    api.listing("news")
    assert len(fake.calls) == 4


def test_the_ttl_still_bounds_an_answers_age(fake, clock):
    api = client(fake, clock, ttl=30)
    api.listing("news")
    clock.now += 29
    api.listing("news")
    assert len(fake.calls) == 1
    clock.now += 1
    api.listing("news")
    assert len(fake.calls) == 2


def test_without_a_generation_nothing_is_reused(clock):
    """An API that does not tell its generation (404 there): every answer
    is asked for again, nothing possibly out of date is served."""

    class Silent(FakeAPI):
        def route(self, path, params):
            if path == "/api/v2/generation/":
                return None
            return super().route(path, params)

    fake = Silent()
    api = client(fake, clock)
    api.listing("news")
    clock.now += 1
    api.listing("news")
    api.listing("news")
    assert len(fake.calls) == 3


def test_an_outage_counts_from_when_the_generation_was_last_seen(fake, clock):
    api = client(fake, clock, ttl=30, stale_max=120)
    first = api.listing("news")
    for _ in range(100):  # the generation is confirmed every second
        clock.now += 1
        api.listing("news")
    fake.down = True
    clock.now += 119
    assert api.listing("news") == first
    clock.now += 1  # 120 s after the generation was last seen current
    with pytest.raises(Unavailable):
        api.listing("news")


def test_an_answer_of_a_superseded_generation_is_served_for_stale_max_at_most(
    fake, clock
):
    api = client(fake, clock, stale_max=120)
    api.listing("news")
    fake.generation += 1
    clock.now += 1
    fake.status = 503  # the generation was told, then the CMS failed
    clock.now += 118
    assert api.listing("news")["items"]
    clock.now += 2
    with pytest.raises(Unavailable):
        api.listing("news")


def test_an_unreachable_cms_is_asked_once_per_request(fake, clock):
    """During an outage, a request waits for one failed request (the
    generation), not two."""
    api = client(fake, clock)
    api.listing("news")
    fake.down = True
    clock.now += 1
    before = fake.generation_checks, len(fake.calls)
    assert api.listing("news")["items"]
    assert (fake.generation_checks, len(fake.calls)) == (before[0] + 1, before[1])


def test_the_check_interval_is_a_setting(monkeypatch, fake, clock):
    from frontend_templates.app import create_app

    monkeypatch.setenv("CMS_API_CHECK_INTERVAL", "5")
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    api = app.extensions["cms_api"]
    api.cache.clock = clock
    api.listing("news")
    fake.generation += 1
    clock.now += 4.9
    api.listing("news")
    assert len(fake.calls) == 1
    clock.now += 0.1
    api.listing("news")
    assert len(fake.calls) == 2
