"""A desa's website: home, news, tourism, local wisdom, development,
profile, preview, sitemap and robots.txt. Served at /desa/<slug>/ on the
portal and at the root of the desa's own domain."""

from flask import Blueprint, Response, abort, g, render_template, request

from ..common import theme
from ..common.client import NotFound
from ..common.i18n import N_, month_name
from ..common.i18n import gettext as _
from ..common.site import (
    PAGE_SIZE,
    Seo,
    api,
    feed_response,
    news_article,
    og_image,
    organization,
    page_number,
    paginate,
    tourist_attraction,
)

desa = Blueprint(
    "desa", __name__, url_prefix="/desa/<desa_slug>", template_folder="templates"
)

SECTIONS = {
    "berita": ("news", N_("News")),
    "wisata": ("tourism", N_("Tourism")),
    "kearifan-lokal": ("wisdom", N_("Local wisdom")),
    "pembangunan": ("development", N_("Development")),
}


@desa.url_value_preprocessor
def load_desa(endpoint, values):
    slug = values.pop("desa_slug")
    found = next((d for d in api().desa_directory() if d["slug"] == slug), None)
    if found is None:
        abort(404)
    g.desa = found
    g.site = {
        "kind": "desa",
        "name": found["name"],
        "slug": slug,
        "theme_color": found.get("theme_color"),
    }


@desa.url_defaults
def add_desa_slug(endpoint, values):
    if "desa_slug" not in values and getattr(g, "desa", None):
        values["desa_slug"] = g.desa["slug"]


@desa.app_template_global()
def site_link(path: str = "") -> str:
    """A link inside the current desa site (its own domain or the portal)."""
    if getattr(g, "desa_domain", None):
        return f"/{path}"
    return f"/desa/{g.desa['slug']}/{path}"


def desa_seo(
    title: str, description: str = "", item=None, json_ld=None, path: str = ""
) -> Seo:
    """`path`: the page's place on the desa's site ("berita/"), under the
    desa's public URL as the API gives it."""
    return Seo(
        title=f"{title} | Desa {g.desa['name']}" if title else f"Desa {g.desa['name']}",
        description=description,
        canonical=(item or {}).get("url") or g.desa["url"].rstrip("/") + "/" + path,
        image=og_image(item),
        kind="article" if item else "website",
        json_ld=json_ld or [],
    )


@desa.route("/theme.css")
def theme_css():
    return theme.response(g.site["theme_color"])


@desa.route("/")
def home():
    kode = g.desa["kode_kemendagri"]
    profile = api().desa(kode)
    news = api().listing("news", desa=kode, limit=3)["items"]
    tourism = api().listing("tourism", desa=kode, limit=3)["items"]
    projects = api().listing("development", desa=kode, limit=5)["items"]
    seo = desa_seo(
        "",
        _("News, tourism, local wisdom and development of Desa %(name)s.")
        % {"name": g.desa["name"]},
        json_ld=[
            organization(
                f"Pemerintah Desa {g.desa['name']}",
                g.desa["url"],
                address=profile["contact"]["address"],
                telephone=profile["contact"]["phone"],
            )
        ],
    )
    return render_template(
        "desa_site/home.html",
        profile=profile,
        news=news,
        tourism=tourism,
        projects=projects,
        seo=seo,
    )


@desa.route("/profil/")
def profile():
    data = api().desa(g.desa["kode_kemendagri"])
    return render_template(
        "desa_site/profile.html",
        profile=data,
        seo=desa_seo(_("Profile"), path="profil/"),
    )


@desa.route("/laporan/")
def reports():
    data = api().desa(g.desa["kode_kemendagri"])
    return render_template(
        "desa_site/reports.html",
        profile=data,
        years=reports_by_year(data.get("reports") or []),
        seo=desa_seo(
            _("Reports"),
            _("APBDes and population reports of Desa %(name)s.")
            % {"name": g.desa["name"]},
            path="laporan/",
        ),
    )


def reports_by_year(reports: list[dict]) -> list[dict]:
    """[{"year", "apbdes": [...], "penduduk": [...]}], newest year first,
    each report with its period named ("Semester 1", "Agustus")."""
    years: dict[int, dict] = {}
    for report in reports:
        year = years.setdefault(
            report["year"], {"year": report["year"], "apbdes": [], "penduduk": []}
        )
        kind = report["kind"]["slug"]
        if kind in year:
            year[kind].append({**report, "period_name": period_name(kind, report)})
    for year in years.values():
        for kind in ("apbdes", "penduduk"):
            year[kind].sort(key=lambda report: report["period"])
    return [years[number] for number in sorted(years, reverse=True)]


def has_reports() -> bool:
    try:
        return bool(api().desa(g.desa["kode_kemendagri"]).get("reports"))
    except NotFound:
        return False


def period_name(kind: str, report: dict) -> str:
    if kind == "apbdes":
        return _("Semester %(number)s") % {"number": report["period"]}
    return month_name(report["period"])


def categories(kind: str) -> list[dict]:
    """The categories that have items, with counts (from the search facets,
    asked as the frontend: browsing a listing is no visitor's search)."""
    facets = api().facets(kind=kind, desa=g.desa["kode_kemendagri"], limit=1)
    return facets["meta"]["facets"]["category"]


@desa.route("/<any(berita, wisata, 'kearifan-lokal', pembangunan):section>/")
def listing(section):
    kind, label = SECTIONS[section]
    page = page_number()
    category = request.args.get("kategori", "")
    data = api().listing(
        kind,
        desa=g.desa["kode_kemendagri"],
        category=category if kind != "development" else None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    pagination = paginate(data["meta"]["total_count"], page)
    if page > pagination.pages:
        abort(404)
    return render_template(
        "desa_site/listing.html",
        section=section,
        kind=kind,
        heading=_(label),
        items=data["items"],
        pagination=pagination,
        categories=categories(kind) if kind != "development" else [],
        category=category,
        seo=desa_seo(_(label), path=f"{section}/"),
    )


@desa.route("/<any(berita, wisata, 'kearifan-lokal', pembangunan):section>/<slug>/")
def detail(section, slug):
    item = api().find(g.desa["kode_kemendagri"], section, slug)
    return render_detail(item, section)


def render_detail(item: dict, section: str, preview: bool = False):
    json_ld = []
    if item["type"] == "news":
        json_ld = [news_article(item, f"Pemerintah Desa {g.desa['name']}")]
    elif item["type"] == "tourism":
        json_ld = [tourist_attraction(item)]
    seo = desa_seo(item["title"], item["summary"], item, json_ld)
    seo.noindex = preview
    return render_template(
        f"desa_site/{item['type']}.html",
        item=item,
        section=section,
        preview=preview,
        seo=seo,
    )


@desa.route("/preview/")
def preview():
    item = api().preview(request.args.get("token", ""), g.desa["kode_kemendagri"])
    section = next(s for s, (kind, _label) in SECTIONS.items() if kind == item["type"])
    response = Response(render_detail(item, section, preview=True))
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@desa.route("/sitemap.xml")
def sitemap():
    base = g.desa["url"].rstrip("/")
    urls = [f"{base}/", f"{base}/profil/"]
    if has_reports():
        urls.append(f"{base}/laporan/")
    for section, (kind, _label) in SECTIONS.items():
        urls.append(f"{base}/{section}/")
        try:
            items = api().listing(kind, desa=g.desa["kode_kemendagri"], limit=100)
        except NotFound:
            continue
        urls += [item["url"] for item in items["items"]]
    return Response(
        render_template("sitemap.xml", urls=urls), mimetype="application/xml"
    )


@desa.route("/feed")
@desa.route("/feed/")
@desa.route("/index.php/feed")
@desa.route("/index.php/feed/")
def feed():
    """The desa's news as OpenSID serves it (OpenDK reads /index.php/feed)."""
    return feed_response(api().desa_feed(g.desa["kode_kemendagri"]))


@desa.route("/feed/atom/")
def atom_feed():
    return feed_response(api().desa_feed(g.desa["kode_kemendagri"], atom=True))


@desa.route("/robots.txt")
def robots():
    # The desa's public URL as the API gives it (its own domain, else its
    # place on the portal), never the Host.
    sitemap_url = g.desa["url"].rstrip("/") + "/sitemap.xml"
    return Response(
        f"User-agent: *\nAllow: /\nSitemap: {sitemap_url}\n", mimetype="text/plain"
    )
