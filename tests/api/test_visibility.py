"""Only live, public pages ever appear: drafts, unpublished pages, pages in
moderation, private pages and pages under an unpublished desa are absent
from every endpoint, listing and count."""

import json

import pytest
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from cms.news.models import NewsIndexPage
from tests.factories import DesaHomePageFactory, news_page, publish, section

from .conftest import get_json

SECRET = "Rahasia"


@pytest.fixture
def hidden(kecamatan, desa_a, desa_b, editor_b):
    """One published news in B, and every kind of page that must not show."""
    publish(desa_a)
    publish(desa_b)
    visible = publish(news_page(desa_b, title="Berita terbit", slug="terbit"))
    draft_image = ImageFactory(
        title=f"{SECRET} foto", collection=desa_b.roles.collection
    )
    pages = {}
    pages["draft"] = news_page(
        desa_b,
        title=f"{SECRET} draf",
        slug="draf",
        live=False,
        hero_image=draft_image,
        body=json.dumps(
            [{"type": "image", "value": {"image": draft_image.pk}, "id": "x"}]
        ),
    )
    moderated = news_page(
        desa_b, title=f"{SECRET} moderasi", slug="moderasi", live=False
    )
    moderated.save_revision(user=editor_b)
    moderated.get_workflow().start(moderated, editor_b)
    pages["moderation"] = moderated
    unpublished = publish(news_page(desa_b, title=f"{SECRET} ditarik", slug="ditarik"))
    unpublished.unpublish()
    pages["unpublished"] = unpublished
    private = publish(news_page(desa_b, title=f"{SECRET} privat", slug="privat"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    pages["private"] = private
    hidden_desa = DesaHomePageFactory(
        parent=kecamatan, name="Biting", kode_kemendagri="33.04.15.2006", live=False
    )
    pages["under_unpublished_desa"] = publish(
        news_page(hidden_desa, title=f"{SECRET} desa tersembunyi", slug="tersembunyi")
    )
    private_section = DesaHomePageFactory(
        parent=kecamatan, name="Grogol", kode_kemendagri="33.04.15.2004"
    )
    PageViewRestriction.objects.create(
        page=section(private_section, NewsIndexPage),
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    pages["under_private_section"] = publish(
        news_page(private_section, title=f"{SECRET} seksi privat", slug="seksi")
    )
    changed = publish(news_page(desa_b, title="Judul terbit", slug="berubah"))
    changed.title = f"{SECRET} perubahan draf"
    changed.save_revision()
    return {"visible": visible, "changed": changed, "pages": pages}


LISTINGS = [
    "/api/v2/news/",
    "/api/v2/news/?desa=ratamba",
    "/api/v2/news/?limit=100&order=title",
    "/api/v2/desa/",
    "/api/v2/pages/?limit=100",
    "/api/v2/pages/?type=news.NewsPage&fields=*&limit=100",
    "/api/v2/images/?limit=100",
    "/api/v2/documents/?limit=100",
]


@pytest.mark.parametrize("url", LISTINGS)
def test_listings_show_nothing_hidden(client, hidden, url):
    text = json.dumps(get_json(client, url))
    assert SECRET not in text


def test_counts_ignore_hidden_pages(client, hidden):
    news = get_json(client, "/api/v2/news/?limit=100")
    assert sorted(i["slug"] for i in news["items"]) == ["berubah", "terbit"]
    assert news["meta"]["total_count"] == 2
    directory = get_json(client, "/api/v2/desa/")
    # Grogol is public; only its news section is restricted.
    assert sorted(d["slug"] for d in directory["items"]) == [
        "giritirta",
        "grogol",
        "ratamba",
    ]
    ratamba = next(d for d in directory["items"] if d["slug"] == "ratamba")
    assert ratamba["counts"]["news"] == 2


def test_live_version_is_served_not_the_draft(client, hidden):
    changed = hidden["changed"]
    detail = get_json(client, f"/api/v2/news/{changed.pk}/")
    assert detail["title"] == "Judul terbit"


@pytest.mark.parametrize(
    "kind",
    [
        "draft",
        "moderation",
        "unpublished",
        "private",
        "under_unpublished_desa",
        "under_private_section",
    ],
)
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/news/{pk}/",
        "/api/v2/pages/{pk}/",
        "/api/v2/find/?desa={desa}&section=berita&slug={slug}",
    ],
)
def test_details_of_hidden_pages_are_404(client, hidden, kind, url):
    page = hidden["pages"][kind]
    desa = page.get_parent().get_parent().slug
    response = client.get(url.format(pk=page.pk, desa=desa, slug=page.slug))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_hidden_desa_are_unknown(client, hidden):
    get_json(client, "/api/v2/desa/33.04.15.2006/", status=404)
    get_json(client, "/api/v2/news/?desa=biting", status=404)


def test_a_subtree_hidden_after_earlier_requests_stays_hidden(client, kecamatan):
    """The hidden-subtree lookup is memoised per content generation; making
    a new draft desa must start a new one."""
    get_json(client, "/api/v2/news/")
    get_json(client, "/api/v2/pages/")
    draft_desa = DesaHomePageFactory(
        parent=kecamatan, name="Biting", kode_kemendagri="33.04.15.2006", live=False
    )
    news_page(draft_desa, title=f"{SECRET} di desa draf")
    for url in ("/api/v2/news/", "/api/v2/pages/?limit=100"):
        assert SECRET not in json.dumps(get_json(client, url))


def test_rich_text_in_wagtail_endpoints_links_only_to_public_pages(client, hidden):
    """Wagtail renders rich text with links to any page, drafts included:
    its pages endpoint gave out the paths of hidden pages."""
    links = "".join(
        f'<a linktype="page" id="{page.pk}">tautan</a> '
        for page in hidden["pages"].values()
    )
    links += f'<a linktype="page" id="{hidden["visible"].pk}">terbit</a>'
    body = [{"type": "paragraph", "value": f"<p>{links}</p>", "id": "p"}]
    linking = publish(
        news_page(hidden["visible"].desa, slug="tautan", body=json.dumps(body))
    )
    data = get_json(client, f"/api/v2/pages/{linking.pk}/?fields=body")
    html = data["body"][0]["value"]
    slugs = [page.slug for page in hidden["pages"].values()]
    assert [slug for slug in slugs if slug in html] == []
    assert html.count("<a>") == len(slugs)
    assert 'href="https://portal.example/desa/ratamba/berita/terbit/"' in html
