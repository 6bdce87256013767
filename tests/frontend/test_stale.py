"""What the frontend may serve when the API does not answer: a 429 is the
visitor's limit, not an outage (nothing stale); during a real outage a copy
at most CMS_API_STALE_MAX old. An unpublished page leaves the frontend within
CMS_API_CHECK_INTERVAL whatever a visitor does (tests/frontend/
test_freshness.py), and within CMS_API_STALE_MAX during an outage."""

import httpx
import pytest

from frontend_templates.app import create_app
from frontend_templates.common.client import APIClient, Throttled, Unavailable

from .fake_api import NEWS, SEARCH_PATH, FakeAPI, search_results

SEARCH = "/cari/?q=Musyawarah%20Beji"
MUSYAWARAH = {
    "id": "page:20",
    "kind": "news",
    "desa": NEWS["desa"],
    "title": "Musyawarah Beji",
    "snippet": "<mark>Musyawarah</mark> dusun Beji",
    "url": "https://giritirta.desa.id/berita/musyawarah-beji/",
    "date": "2026-11-21",
    "thumbnail_url": "",
}
TRACES = ("Musyawarah Beji</a>", "musyawarah-beji", "dusun Beji")


class Clock:
    """Stands in for time.monotonic: time passes when a test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ModeratedAPI(FakeAPI):
    """The fake API with a page that a moderator can unpublish: searched for
    while published, it is found; afterwards not. Like the CMS, a change
    starts a new content generation."""

    _published = True

    @property
    def published(self) -> bool:
        return self._published

    @published.setter
    def published(self, value: bool) -> None:
        self._published = value
        self.generation += 1

    def route(self, path, params):
        if path == SEARCH_PATH and params.get("q") == "Musyawarah Beji":
            found = [MUSYAWARAH] if self.published else []
            results = search_results(params)
            results["meta"]["total_count"] = len(found)
            return {**results, "items": found}
        return super().route(path, params)


def make_api(fake, clock, **settings) -> APIClient:
    api = APIClient("http://cms", transport=httpx.MockTransport(fake), **settings)
    api.cache.clock = clock
    return api


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def fake():
    return ModeratedAPI()


@pytest.fixture
def app(monkeypatch, fake, clock):
    monkeypatch.setenv("CMS_API_KEY", "frontend-key")
    for name in ("CMS_API_TTL", "CMS_API_STALE_MAX", "CMS_API_CHECK_INTERVAL"):
        monkeypatch.delenv(name, raising=False)
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    app.extensions["cms_api"].cache.clock = clock
    return app


def shows_the_page(response) -> bool:
    text = response.get_data(as_text=True)
    return any(trace in text for trace in TRACES)


# A 429


def test_a_visitor_over_their_search_limit_gets_a_429_not_the_unpublished_page(
    app, fake, clock
):
    """The tester's steps: search, unpublish, wait out CMS_API_TTL, use up
    the search allowance, search again."""
    fake.search_limit = 5
    visitor = app.test_client()
    found = visitor.get(SEARCH)
    assert found.status_code == 200 and shows_the_page(found)
    fake.published = False
    clock.now += 31  # more than CMS_API_TTL (30 s)
    for n in range(6):
        visitor.get(f"/cari/?q=flood{n}")
    response = visitor.get(SEARCH)
    assert response.status_code == 429
    assert not shows_the_page(response)
    text = response.get_data(as_text=True)
    assert "Terlalu banyak permintaan" in text
    assert "coba lagi dalam 42 detik" in text
    assert response.headers["Retry-After"] == FakeAPI.RETRY_AFTER
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]


def test_the_client_raises_throttled_on_a_429_whatever_it_has_cached(fake, clock):
    api = make_api(fake, clock, ttl=0)
    api.search(q="Musyawarah Beji")
    fake.throttled = lambda request: True
    with pytest.raises(Throttled) as refused:
        api.search(q="Musyawarah Beji")
    assert refused.value.retry_after == 42
    assert isinstance(refused.value, Unavailable)  # callers that only know it


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7), ("0", 1), ("99999", 3600), ("soon", 60), ("", 60), ("-5", 60)],
)
def test_retry_after_is_passed_on_as_whole_seconds(clock, header, seconds):
    def refuse(request):
        return httpx.Response(429, headers={"Retry-After": header} if header else {})

    api = make_api(refuse, clock)
    with pytest.raises(Throttled) as refused:
        api.dashboard()
    assert refused.value.retry_after == seconds


def test_an_answer_is_reused_within_the_check_interval(app, fake, clock):
    visitor = app.test_client()
    visitor.get(SEARCH)
    fake.published = False
    fake.search_limit = 0
    clock.now += 0.9
    assert shows_the_page(visitor.get(SEARCH))  # within CMS_API_CHECK_INTERVAL


def test_without_an_outage_an_unpublished_page_goes_within_a_second(app, fake, clock):
    visitor = app.test_client()
    visitor.get(SEARCH)
    fake.published = False
    clock.now += 1
    response = visitor.get(SEARCH)
    assert response.status_code == 200 and not shows_the_page(response)


# An outage: a stale copy, but not for long


class Failing(ModeratedAPI):
    """ModeratedAPI whose outage can also be a timeout."""

    hangs = False

    def __call__(self, request):
        if self.hangs:
            raise httpx.ReadTimeout("no answer", request=request)
        return super().__call__(request)


@pytest.fixture(params=["connection refused", "503", "500", "timeout"])
def outage(request):
    """Starts an outage of the kind the parameter names."""

    def start(fake):
        if request.param == "connection refused":
            fake.down = True
        elif request.param == "timeout":
            fake.hangs = True
        else:
            fake.status = int(request.param)

    return start


def test_an_outage_serves_a_stale_copy_for_at_most_the_stale_max(clock, outage):
    fake = Failing()
    api = make_api(fake, clock, ttl=30, stale_max=120)
    first = api.listing("news")
    found = api.search(q="Musyawarah Beji")
    outage(fake)
    clock.now += 119
    assert api.listing("news") == first
    assert api.search(q="Musyawarah Beji") == found
    clock.now += 1
    with pytest.raises(Unavailable):
        api.listing("news")
    with pytest.raises(Unavailable):
        api.search(q="Musyawarah Beji")


def test_a_page_unpublished_before_an_outage_is_gone_after_the_stale_max(
    monkeypatch, clock, outage
):
    monkeypatch.delenv("CMS_API_STALE_MAX", raising=False)
    fake = Failing()
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    app.extensions["cms_api"].cache.clock = clock
    visitor = app.test_client()
    assert shows_the_page(visitor.get(SEARCH))
    fake.published = False  # then the CMS goes away
    outage(fake)
    clock.now += 60
    assert shows_the_page(visitor.get(SEARCH))  # the documented trade-off
    clock.now += 60  # CMS_API_STALE_MAX (120 s) after it was fetched
    response = visitor.get(SEARCH)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert not shows_the_page(response)


def test_the_stale_max_is_a_setting(monkeypatch, clock):
    monkeypatch.setenv("CMS_API_TTL", "5")
    monkeypatch.setenv("CMS_API_STALE_MAX", "10")
    fake = Failing()
    app = create_app("http://cms", transport=httpx.MockTransport(fake))
    api = app.extensions["cms_api"]
    api.cache.clock = clock
    api.listing("news")
    fake.down = True
    clock.now += 9
    assert api.listing("news")["items"]
    clock.now += 1
    with pytest.raises(Unavailable):
        api.listing("news")


# Whose searches count


def sent_search_headers(fake) -> list:
    return [
        (request.headers.get("X-Client-IP"), request.headers.get("X-Frontend-Key"))
        for request in fake.requests
        if request.url.path == SEARCH_PATH
    ]


def test_listing_facets_are_asked_as_the_frontend_not_as_the_visitor(app, fake):
    visitor = app.test_client()
    assert visitor.get("/desa/giritirta/berita/").status_code == 200
    assert sent_search_headers(fake) == [(None, "frontend-key")]
    fake.requests.clear()
    assert visitor.get("/cari/?q=posyandu").status_code == 200
    assert sent_search_headers(fake) == [("127.0.0.1", "frontend-key")]


def test_browsing_listings_never_uses_up_a_visitors_search_limit(app, fake, clock):
    """An office behind one address: many listing views a minute."""
    fake.search_limit = 3
    office = app.test_client()
    for _view in range(10):
        clock.now += 31  # each view asks the API again
        for section in ("berita", "wisata", "kearifan-lokal"):
            assert office.get(f"/desa/giritirta/{section}/").status_code == 200
    assert fake.searches == {}
    assert office.get("/cari/?q=posyandu").status_code == 200
