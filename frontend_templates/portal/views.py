"""The kecamatan portal: home (news, services, the office's contact, a
glance at development), the development and IDM figures per desa, search
across all desa, the desa directory, the kecamatan's own news, sitemap,
robots, and the portal's theme stylesheet."""

from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    render_template,
    request,
)

from ..common import theme
from ..common.client import NotFound
from ..common.i18n import gettext as _
from ..common.site import (
    PAGE_SIZE,
    Seo,
    api,
    feed_response,
    news_article,
    organization,
    page_number,
    paginate,
    portal_url,
)

portal = Blueprint("portal", __name__, template_folder="templates")
SEARCH_FILTERS = ("desa", "kind", "category", "year")
IDM_ORDER = ["sangat_tertinggal", "tertinggal", "berkembang", "maju", "mandiri"]
# Words the search box offers as examples: each finds items in the demo
# data (tests/e2e/test_frontend_api.py searches them), and they name what
# the desa of the kecamatan write about: waterfalls, coffee, health posts.
SEARCH_EXAMPLES = ("curug", "kopi", "posyandu")


@portal.before_request
def portal_site():
    kecamatan = api().kecamatan() or {"name": "Kecamatan", "title": "Kecamatan"}
    g.kecamatan = kecamatan
    g.site = {
        "kind": "portal",
        "name": kecamatan.get("title", "Kecamatan"),
        "theme_color": kecamatan.get("theme_color"),
    }


@portal.route("/theme.css")
def theme_css():
    return theme.response(g.site["theme_color"])


def idm_counts(dashboard: dict) -> dict:
    return {
        status: dashboard["kecamatan"]["idm_status_counts"].get(status, 0)
        for status in IDM_ORDER
    }


@portal.route("/")
def home():
    """What visitors come for first: news, services and the office; the
    figures per desa have their own page (pembangunan/)."""
    dashboard = api().dashboard()
    news = api().listing("news", limit=4)["items"]
    tourism = api().listing("tourism", limit=3)["items"]
    seo = Seo(
        title=g.site["name"],
        description=_(
            "News, tourism, local wisdom and development of every desa of %(name)s."
        )
        % {"name": g.site["name"]},
        canonical=portal_url(),
        json_ld=[organization(g.site["name"], portal_url())],
    )
    return render_template(
        "portal/home.html",
        kecamatan=g.kecamatan,
        dashboard=dashboard,
        news=news,
        tourism=tourism,
        seo=seo,
    )


@portal.app_template_global()
def search_placeholder() -> str:
    """The search box's example words: "mis. curug, kopi, posyandu"."""
    return _("e.g. %(words)s") % {"words": ", ".join(SEARCH_EXAMPLES)}


def thumbnail(item: dict) -> str:
    """A result's thumbnail when the pages may load it (a rendition on the
    CMS); an image of a desa's own website, which the security policy
    would block, is left out rather than shown broken."""
    url = item.get("thumbnail_url") or ""
    return url if url.startswith(current_app.config["IMAGE_ORIGIN"] + "/") else ""


def facet_groups(facets: dict) -> list[tuple[str, str, list]]:
    """(facet, label, buckets) of the facets that have buckets, in the
    order the search page shows them."""
    labels = {
        "desa": _("Desa"),
        "kind": _("Type"),
        "category": _("Category"),
        "year": _("Year"),
    }
    return [
        (facet, label, facets[facet])
        for facet, label in labels.items()
        if facets.get(facet)
    ]


@portal.route("/profil/")
def profile():
    return render_template(
        "portal/profile.html",
        kecamatan=g.kecamatan,
        seo=Seo(
            title=_("Profile") + f" | {g.site['name']}",
            description=_("Profile, camat and office contact of %(name)s.")
            % {"name": g.site["name"]},
            canonical=portal_url("profil/"),
        ),
    )


@portal.route("/pembangunan/")
def development():
    """Development and IDM at a glance, and one row per desa."""
    dashboard = api().dashboard()
    idm = idm_counts(dashboard)
    return render_template(
        "portal/development.html",
        dashboard=dashboard,
        rows=dashboard["desa"],
        idm=idm,
        idm_max=max(idm.values()) or 1,
        seo=Seo(
            title=_("Development and IDM of the desa"),
            description=_(
                "Development projects, budgets and the IDM status of every desa "
                "of %(name)s."
            )
            % {"name": g.site["name"]},
            canonical=portal_url("pembangunan/"),
        ),
    )


def facet_link(params: dict, facet: str, key: str) -> str:
    """The search URL with `facet=key` toggled, back on page 1."""
    current = dict(params)
    current.pop("page", None)
    values = [v for v in current.get(facet, "").split(",") if v]
    values = [v for v in values if v != key] if key in values else [*values, key]
    current[facet] = ",".join(values)
    return "?" + urlencode({k: v for k, v in current.items() if v})


@portal.route("/cari/")
def search():
    query = request.args.get("q", "").strip()[:200]
    params = {"q": query, **{f: request.args.get(f, "") for f in SEARCH_FILTERS}}
    page = page_number()
    error = None
    try:
        results = api().search(**params, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except NotFound:
        results, error = None, _("That search could not be understood.")
    pagination = paginate(results["meta"]["total_count"] if results else 0, page)
    return render_template(
        "portal/search.html",
        query=query,
        params={k: v for k, v in params.items() if v},
        results=results,
        error=error,
        pagination=pagination,
        facet_link=facet_link,
        thumbnail=thumbnail,
        facet_groups=facet_groups,
        seo=Seo(
            title=_("Search") + (f": {query}" if query else ""),
            description=_("Search every desa of %(name)s.") % {"name": g.site["name"]},
            # A plain search for a term is a useful landing page ("kopi");
            # filtered, paged or failed searches are thin variants of it.
            canonical=portal_url(
                "cari/" + (f"?{urlencode({'q': query})}" if query else "")
            ),
            noindex=bool(
                error
                or page > 1
                or any(request.args.get(f) for f in SEARCH_FILTERS)
                or (results is not None and not results["items"])
            ),
        ),
    )


@portal.route("/desa/")
def directory():
    return render_template(
        "portal/directory.html",
        desa=api().desa_directory(),
        seo=Seo(title=_("Desa directory"), canonical=portal_url("desa/")),
    )


@portal.route("/berita/")
def news():
    page = page_number()
    data = api().listing(
        "news", desa="kecamatan", limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    pagination = paginate(data["meta"]["total_count"], page)
    if page > pagination.pages:
        abort(404)
    return render_template(
        "portal/news.html",
        items=data["items"],
        pagination=pagination,
        seo=Seo(title=_("Kecamatan news"), canonical=portal_url("berita/")),
    )


@portal.route("/berita/<slug>/")
def news_detail(slug):
    item = api().find("kecamatan", "berita", slug)
    return render_news(item)


def render_news(item: dict, preview: bool = False):
    seo = Seo(
        title=item["title"],
        description=item["summary"],
        canonical=item["url"],
        kind="article",
        json_ld=[news_article(item, g.site["name"])],
        noindex=preview,
    )
    return render_template(
        "portal/news_detail.html", item=item, preview=preview, seo=seo
    )


@portal.route("/preview/")
def preview():
    item = api().preview(request.args.get("token", ""), "kecamatan")
    response = Response(render_news(item, preview=True))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@portal.route("/sitemap.xml")
def sitemap():
    urls = [
        portal_url(),
        portal_url("cari/"),
        portal_url("desa/"),
        portal_url("berita/"),
        portal_url("pembangunan/"),
        portal_url("profil/"),
    ]
    urls += [
        item["url"]
        for item in api().listing("news", desa="kecamatan", limit=100)["items"]
    ]
    urls += [d["url"] for d in api().desa_directory() if not d["public_domain"]]
    return Response(
        render_template("sitemap.xml", urls=urls), mimetype="application/xml"
    )


@portal.route("/feed")
@portal.route("/feed/")
def feed():
    """The news of every desa (and the kecamatan) in one RSS 2.0 feed."""
    return feed_response(api().feed())


@portal.route("/feed/atom/")
def atom_feed():
    return feed_response(api().feed(atom=True))


@portal.route("/robots.txt")
def robots():
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {portal_url('sitemap.xml')}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
