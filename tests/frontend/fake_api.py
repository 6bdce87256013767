"""A fake CMS API for the frontend tests (httpx.MockTransport), answering
with documents shaped like the real API's."""

import json
from collections import Counter

import httpx

IMAGE = {
    "id": 1,
    "alt": "Curug Mrawu",
    "width": 960,
    "height": 540,
    "webp": [
        {"url": "http://cms/media/a.400.webp", "width": 400, "height": 225},
        {"url": "http://cms/media/a.800.webp", "width": 800, "height": 450},
    ],
    "fallback": {
        "url": "http://cms/media/a.800.jpg",
        "width": 800,
        "height": 450,
        "format": "jpeg",
    },
    "srcset": "http://cms/media/a.400.webp 400w, http://cms/media/a.800.webp 800w",
}
GIRITIRTA = {
    "kode_kemendagri": "33.04.15.2005",
    "kode_bps": "3304150014",
    "name": "Giritirta",
    "slug": "giritirta",
    "latitude": -7.2,
    "longitude": 109.7,
    "public_domain": "giritirta.desa.id",
    "url": "https://giritirta.desa.id/",
    "hero_image": IMAGE,
    "counts": {"news": 1, "tourism": 1, "wisdom": 0, "development": 0},
    "last_published_at": "2026-11-20T09:00:00+07:00",
    "integration_status": {"slug": "terintegrasi", "name": "Terintegrasi"},
    "theme_color": "#8b0000",
}
RATAMBA = {
    **GIRITIRTA,
    "kode_kemendagri": "33.04.15.2011",
    "name": "Ratamba",
    "slug": "ratamba",
    "public_domain": None,
    "url": "http://portal/desa/ratamba/",
}
DESA_DETAIL = {
    **GIRITIRTA,
    "kepala_desa": "",
    "visi": "<p>Desa maju</p>",
    "misi": "",
    "sejarah": "",
    "contact": {"address": "Giritirta", "phone": "", "email": ""},
    "joined_on": None,
    "logo": {**IMAGE, "alt": "Logo Giritirta"},
}
NEWS = {
    "id": 10,
    "type": "news",
    "title": "Posyandu balita",
    "slug": "posyandu",
    "desa": {
        "kode_kemendagri": "33.04.15.2005",
        "name": "Giritirta",
        "slug": "giritirta",
    },
    "url": "https://giritirta.desa.id/berita/posyandu/",
    "published_at": "2026-11-20T09:00:00+07:00",
    "updated_at": "2026-11-20T09:00:00+07:00",
    "summary": "Kader menimbang balita.",
    "hero_image": IMAGE,
    "date": "2026-11-20",
    "category": {"slug": "kesehatan", "name": "Kesehatan"},
    "tags": ["posyandu"],
}
NEWS_DETAIL = {
    **NEWS,
    "body": [
        {
            "type": "paragraph",
            "id": "p",
            "value": {"html": "<p>Isi <b>berita</b>.</p>"},
        },
        {
            "type": "image",
            "id": "i",
            "value": {"image": IMAGE, "caption": "Foto", "attribution": ""},
        },
    ],
}
TOURISM = {
    **NEWS,
    "id": 11,
    "type": "tourism",
    "title": "Curug Mrawu",
    "slug": "curug-mrawu",
    "url": "https://giritirta.desa.id/wisata/curug-mrawu/",
    "category": {"slug": "alam", "name": "Alam"},
    "is_free": False,
    "ticket_price": 5000,
    "location": {"latitude": -7.2, "longitude": 109.7, "address": ""},
}
TOURISM_DETAIL = {
    **TOURISM,
    "body": [],
    "opening_hours": "07.00-17.00",
    "facilities": [{"slug": "parkir", "name": "Parkir"}],
    "contact": {"address": "", "phone": "0286 1", "email": ""},
    "gallery": [],
}


# Preview tokens by (token, site): "ok" is a Giritirta draft, "kec" one of
# the kecamatan, shown on the portal.
PREVIEWS = {
    ("ok", "33.04.15.2005"): {**NEWS_DETAIL, "title": "Draf rahasia"},
    ("kec", "kecamatan"): {
        **NEWS_DETAIL,
        "title": "Draf kecamatan",
        "desa": None,
        "url": "http://portal/berita/rakor/",
    },
}


def envelope(items):
    return {"meta": {"total_count": len(items)}, "items": items}


def bucket(key, label, count=1, selected=False):
    return {"key": key, "label": label, "count": count, "selected": selected}


def search_results(params):
    selected = params.get("desa") == "33.04.15.2005"
    return {
        "meta": {
            "total_count": 1,
            "facets": {
                "desa": [
                    bucket("33.04.15.2005", "Giritirta", selected=selected),
                    bucket("33.04.15.2011", "Ratamba"),
                ],
                "kind": [bucket("news", "Berita")],
                "category": [bucket("kesehatan", "Kesehatan")],
                "year": [bucket("2026", "2026")],
            },
            "engine": "postgresql",
            "degraded": False,
            "suggestion": None,
            "approximate": False,
        },
        "items": [
            {
                "id": "page:10",
                "kind": "news",
                "desa": NEWS["desa"],
                "title": "Posyandu balita",
                "snippet": "<mark>Posyandu</mark> &lt;b&gt;",
                "url": NEWS["url"],
                "date": "2026-11-20",
                "thumbnail_url": "",
            }
        ],
    }


DASHBOARD = {
    "year": 2026,
    "kecamatan": {
        "development": {
            "projects": 2,
            "by_stage": {"rencana": 0, "kegiatan": 1, "hasil": 1},
            "budget_total": 250000000,
            "by_source": {},
            "by_split": {},
            "average_progress": 80.0,
            "completed_in_year": 1,
            "stalled": 0,
        },
        "idm_status_counts": {"berkembang": 1},
        "idm_sources": [],
        "activity": {
            "last_30": {"news": 1},
            "last_90": {"news": 1},
            "last_published_at": None,
        },
        "integration": {"start": "2026-01-01", "joined": 2, "desa": 2, "phases": []},
    },
    "desa": [
        {
            "desa": {
                "kode_kemendagri": "33.04.15.2005",
                "name": "Giritirta",
                "slug": "giritirta",
            },
            "url": "https://giritirta.desa.id/",
            "development": {
                "projects": 2,
                "by_stage": {},
                "budget_total": 1,
                "by_source": {},
                "by_split": {},
                "average_progress": 80.0,
                "completed_in_year": 1,
                "stalled": 0,
            },
            "idm": {
                "year": 2026,
                "score": 0.62,
                "status": "berkembang",
                "previous_year": None,
                "previous_score": None,
                "previous_status": None,
                "trend": None,
            },
            "activity": {
                "last_30": {"news": 1},
                "last_90": {"news": 1},
                "last_published_at": None,
            },
            "integration": {
                "joined_on": None,
                "phase": "not_joined",
                "days_after_start": None,
            },
        }
    ],
}


KECAMATAN = {
    "name": "Pejawaran",
    "title": "Kecamatan Pejawaran",
    "kode_kemendagri": "33.04.15",
    "url": "http://portal/",
    "camat": "Drs. Suyatno",
    "profile": "<p>Profil</p>",
    "contact": {
        "address": "Jl. Raya Pejawaran 1",
        "phone": "0286 123456",
        "email": "kecamatan@example.id",
    },
    "office_hours": "Senin-Jumat 07.30-15.30",
    "hero_image": IMAGE,
    "theme_color": "#0b5394",
    "logo": {**IMAGE, "alt": "Logo"},
}


FEEDS = {
    "/api/v2/desa/33.04.15.2005/feed/": b'<?xml version="1.0" encoding="utf-8"?>'
    b'<rss version="2.0"><channel><title>Berita Desa Giritirta</title></channel></rss>',
    "/api/v2/feed/": b'<?xml version="1.0" encoding="utf-8"?>'
    b'<rss version="2.0"><channel><title>Semua desa</title></channel></rss>',
    "/api/v2/feed/atom/": b'<?xml version="1.0" encoding="utf-8"?>'
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Semua desa</title></feed>',
}


SEARCH_PATH = "/api/v2/search/"
GENERATION_PATH = "/api/v2/generation/"


class FakeAPI:
    """Routes of the fake API; `generation` is the content generation it
    tells (a test that changes content bumps it; `generation_checks` counts
    the frontend's looks at it, which `calls` leaves out); `down` makes
    every request fail, `status`
    answers every request with that status (a 5xx), and `search_limit`
    limits searches per visitor as api/throttling.py does: a request with
    the frontend's key and a visitor's X-Client-IP counts for that visitor,
    one without X-Client-IP (the frontend asking for itself) for nobody."""

    RETRY_AFTER = "42"

    def __init__(self):
        self.down = False
        self.status = None
        self.search_limit = None
        self.searches = Counter()
        self.calls = []
        self.requests = []
        self.generation = 1
        self.generation_checks = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == GENERATION_PATH:
            self.generation_checks += 1
        else:
            self.calls.append(str(request.url))
            self.requests.append(request)
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if self.status:
            return httpx.Response(self.status, text="Server error")
        path, params = request.url.path, dict(request.url.params)
        if self.throttled(request):
            return httpx.Response(
                429,
                json={"message": "Too many requests."},
                headers={"Retry-After": self.RETRY_AFTER},
            )
        if path.endswith(("/feed/", "/feed/atom/")) and path in FEEDS:
            atom = path.endswith("/atom/")
            return httpx.Response(
                200,
                content=FEEDS[path],
                headers={
                    "Content-Type": "application/atom+xml; charset=utf-8"
                    if atom
                    else "application/rss+xml; charset=utf-8"
                },
            )
        body = self.route(path, params)
        if body is None:
            return httpx.Response(404, json={"message": "Not found."})
        return httpx.Response(200, content=json.dumps(body))

    def throttled(self, request: httpx.Request) -> bool:
        visitor = request.headers.get("X-Client-IP")
        if not (
            self.search_limit is not None
            and visitor
            and request.headers.get("X-Frontend-Key")
            and request.url.path == SEARCH_PATH
        ):
            return False
        self.searches[visitor] += 1
        return self.searches[visitor] > self.search_limit

    def route(self, path, params):
        if path == GENERATION_PATH:
            return {"generation": str(self.generation)}
        if path == "/api/v2/desa/":
            return envelope([GIRITIRTA, RATAMBA])
        if path.startswith("/api/v2/desa/33.04.15.2005/"):
            return DESA_DETAIL
        if path == "/api/v2/news/":
            return envelope([NEWS])
        if path in ("/api/v2/tourism/", "/api/v2/wisdom/", "/api/v2/development/"):
            return envelope([TOURISM] if "tourism" in path else [])
        if path == "/api/v2/find/":
            found = {
                ("berita", "posyandu"): NEWS_DETAIL,
                ("wisata", "curug-mrawu"): TOURISM_DETAIL,
            }
            return found.get((params.get("section"), params.get("slug")))
        if path == SEARCH_PATH:
            return search_results(params)
        if path == "/api/v2/dashboard/":
            return DASHBOARD
        if path == "/api/v2/kecamatan/":
            return KECAMATAN
        if path == "/api/v2/preview/":
            # Like the API: a token renders only on the site it belongs to.
            return PREVIEWS.get((params.get("token"), params.get("desa")))
        return None
