"""The attacker's crawl: desa A's editor requests every admin URL (read from
Django's resolver) with the ids of desa B's hidden pages, B's media, the
snippets they have no permission on and the workflow objects, and nothing of
it may show, nor may anything answer 500.

One world is built for the whole module (inside a transaction rolled back at
the end), so the crawl of some thousand URLs stays a matter of seconds."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.http import HttpRequest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_factories import ImageFactory

from cms.desa.roles import MODERATOR_GROUP_NAME
from cms.news.models import NewsIndexPage
from cms.tourism.models import TourismIndexPage
from cms.wisdom.models import LocalWisdomIndexPage
from tests.conftest import make_user
from tests.factories import (
    DesaHomePageFactory,
    KecamatanHomePageFactory,
    document_block,
    image_block,
    link_paragraph,
    news_page,
    publish,
    section,
    stream,
    tourism_page,
    wisdom_page,
)

from .admin_crawl import admin_urls, bulk_action_urls

# What desa A's editor must never read: B's hidden pages and their fields,
# B's media (titles and file names), snippets they have no permission on.
MARKERS = {
    "draft": "RahasiaDraf",
    "draft summary": "RahasiaRingkasan",
    "draft tag": "rahasiatag",
    "unpublished change": "RahasiaPerubahan",
    "in moderation": "RahasiaModerasi",
    "private": "RahasiaPrivat",
    "under a private page": "RahasiaBawahPrivat",
    "under an unpublished page": "RahasiaBawahDraf",
    "image title": "RahasiaGambar",
    "image file": "rahasiagambarfile",
    "document title": "RahasiaDokumen",
    "document file": "rahasiadokumenfile",
    "image tag": "rahasiafototag",
    "document tag": "rahasiaberkastag",
    "external feed": "rahasiafeed",
    "external item": "RahasiaButir",
    # What the IDM chooser shows of a score: "<desa> <year>: <score>".
    "IDM score": "0.6543",
    "redirect": "rahasia-alihan",
}


def body_linking(page, image=None, document=None) -> str:
    blocks = [link_paragraph(page)]
    if image is not None:
        blocks.append(image_block(image))
    if document is not None:
        blocks.append(document_block(document))
    return stream(*blocks)


def build_world() -> dict:
    """Desa A (public news, an image) and desa B with one of every kind of
    hidden thing, plus the snippets only moderators may see."""
    from aggregator.sources.models import ExternalFeed, ExternalItem
    from cms.dashboard.models import IDMScore

    root = Page.get_first_root_node()
    kecamatan = KecamatanHomePageFactory(parent=root)
    kecamatan.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    Site.objects.filter(is_default_site=True).update(root_page=kecamatan)
    desa_a = DesaHomePageFactory(
        parent=kecamatan, name="Giritirta", kode_kemendagri="33.04.15.2005"
    )
    desa_b = DesaHomePageFactory(
        parent=kecamatan, name="Ratamba", kode_kemendagri="33.04.15.2011"
    )
    editor_a = make_user("editor_a", desa_a.roles.editor_group)
    editor_b = make_user("editor_b", desa_b.roles.editor_group)
    moderator = make_user("moderator", Group.objects.get(name=MODERATOR_GROUP_NAME))

    image_a = ImageFactory(title="Foto Giritirta", collection=desa_a.roles.collection)
    image_a.tags.add("fotogiritirta")
    news_a = publish(news_page(desa_a, title="Berita Giritirta"))
    image_b = ImageFactory(
        title=MARKERS["image title"],
        file=get_test_image_file(filename=f"{MARKERS['image file']}.png"),
        collection=desa_b.roles.collection,
    )
    document_b = get_document_model().objects.create(
        title=MARKERS["document title"],
        file=get_test_image_file(filename=f"{MARKERS['document file']}.txt"),
        collection=desa_b.roles.collection,
    )
    image_b.tags.add(MARKERS["image tag"])
    document_b.tags.add(MARKERS["document tag"])
    document_a = get_document_model().objects.create(
        title="Dokumen Giritirta",
        file=get_test_image_file(filename="dokumen-giritirta.txt"),
        collection=desa_a.roles.collection,
    )
    document_a.tags.add("dokumengiritirta")
    public_b = publish(
        news_page(desa_b, title="Berita umum Ratamba", hero_image=image_b)
    )

    draft = news_page(
        desa_b,
        title=MARKERS["draft"],
        summary=MARKERS["draft summary"],
        live=False,
        hero_image=image_a,
        body=body_linking(news_a, image=image_b, document=document_a),
    )
    draft.tags.add(MARKERS["draft tag"])
    draft.save()
    draft.save_revision(user=editor_b)

    changed = publish(news_page(desa_b, title="Berita terbit Ratamba"))
    changed.title = MARKERS["unpublished change"]
    changed.save_revision(user=editor_b)

    moderated = news_page(desa_b, title=MARKERS["in moderation"], live=False)
    moderated.save_revision(user=editor_b)
    workflow_state = moderated.get_workflow().start(moderated, editor_b)

    private = publish(news_page(desa_b, title=MARKERS["private"]))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    wisdom_index = section(desa_b, LocalWisdomIndexPage)
    PageViewRestriction.objects.create(
        page=wisdom_index, restriction_type=PageViewRestriction.LOGIN
    )
    under_private = publish(wisdom_page(desa_b, title=MARKERS["under a private page"]))
    under_draft = publish(
        tourism_page(desa_b, title=MARKERS["under an unpublished page"])
    )
    tourism_index = section(desa_b, TourismIndexPage)
    tourism_index.unpublish()

    feed = ExternalFeed.objects.create(
        desa=desa_b, url=f"https://{MARKERS['external feed']}.example/feed"
    )
    item = ExternalItem.objects.create(
        desa=desa_b,
        feed=feed,
        guid="rahasia-1",
        link="https://ratamba.example/artikel/1",
        title=MARKERS["external item"],
        published_at="2026-01-01T00:00:00Z",
    )
    idm = IDMScore.objects.create(desa=desa_b, year=2025, score=MARKERS["IDM score"])
    redirect = Redirect.objects.create(
        old_path=f"/{MARKERS['redirect']}", redirect_page=draft
    )

    hidden_pages = [draft, changed, moderated, private, under_private, under_draft]
    task_state = workflow_state.current_task_state
    return {
        "editor_a": editor_a,
        "editor_b": editor_b,
        "moderator": moderator,
        "desa_a": desa_a,
        "news_a": news_a,
        "image_a": image_a,
        "document_a": document_a,
        "public_b": public_b,
        "ids": {
            "areas": [
                "tag-autocomplete",
                "tasks",
                "workflows",
                "collections",
                "images",
                "documents",
                "pages",
                "newscategory",
                "tourismfacility",
                "idmscore",
                "externalfeed",
                "externalitem",
                "sites",
                "users",
                "groups",
            ],
            "page_id": [page.pk for page in hidden_pages],
            "parent_page_id": [
                draft.pk,
                private.pk,
                wisdom_index.pk,
                tourism_index.pk,
                section(desa_b, NewsIndexPage).pk,
            ],
            "page_to_move_id": [draft.pk, moderated.pk],
            "destination_id": [tourism_index.pk],
            "page_pk": [moderated.pk],
            "pages:pk": [page.pk for page in hidden_pages],
            "revision_id": [draft.latest_revision_id, changed.latest_revision_id],
            "revision_id_a": ["earliest"],
            "revision_id_b": ["latest"],
            "task_state_id": [task_state.pk],
            "task_id": [task_state.task_id],
            "workflow_state_id": [workflow_state.pk],
            "workflow_pk": [workflow_state.workflow_id],
            "workflows:pk": [workflow_state.workflow_id],
            "tasks:pk": [task_state.task_id],
            "image_id": [image_b.pk],
            "images:pk": [image_b.pk],
            "document_id": [document_b.pk],
            "doc_id": [document_b.pk],
            "documents:pk": [document_b.pk],
            "collection_id": [desa_b.roles.collection_id],
            "collections:pk": [desa_b.roles.collection_id],
            "filter_spec": ["max-165x165"],
            "idmscore:pk": [idm.pk],
            "externalfeed:pk": [feed.pk],
            "externalitem:pk": [item.pk],
            "redirect_id": [redirect.pk],
            "sites:pk": [Site.objects.get().pk],
            "users:pk": [editor_b.pk],
            "groups:pk": [desa_b.roles.editor_group_id],
            "content_type_app_name": ["news"],
            "content_type_model_name": ["newspage"],
            "app_label": ["wagtailcore", "news"],
            "model_name": ["page", "newspage"],
            "action": ["delete", "move", "publish", "unpublish"],
            "action_name": ["approve", "reject"],
            "tag-autocomplete:app_name": ["taggit"],
            "tag-autocomplete:model_name": ["tag"],
            "fmt": ["csv", "xlsx"],
            "object_id": [draft.pk],
            "session_id": [1],
            "uploaded_file_id": [1],
            "uidb64": ["MQ"],
            "token": ["x"],
        },
        # Pages of A's editor that list what refers to them (B's draft).
        "extra": [
            f"/admin/images/usage/{image_a.pk}/",
            f"/admin/documents/usage/{document_a.pk}/",
            f"/admin/pages/{news_a.pk}/usage/",
            f"/admin/pages/{news_a.pk}/edit/",
            f"/admin/images/{image_a.pk}/",
            f"/admin/documents/edit/{document_a.pk}/",
        ],
        # Every bulk action is also asked for every object of its model
        # (bulk_action_urls); these select "all" under a parent (a page, a
        # collection), by search, and with ids that are none.
        "bulk_queries": [
            "id=all",
            f"id=all&childOf={desa_b.pk}",
            f"id=all&childOf={tourism_index.pk}",
            f"id=all&childOf={wisdom_index.pk}&q=Rahasia",
            f"id=all&childOf={desa_b.roles.collection_id}",
            "id=all&q=Rahasia",
            "id=x",
            "id=all&childOf=x",
            "id=all&childOf=99999999",
        ],
        "queries": {
            # Search, filters and ids in one go (views ignore what they do
            # not know).
            "": [
                f"q=Rahasia&term=rahasia&collection_id={desa_b.roles.collection_id}",
                f"id={image_b.pk}&id={document_b.pk}&id={draft.pk}&id=1",
                # Only B has tourism pages: the chooser opens at their parent.
                "page_type=tourism.tourismpage",
            ],
            # The admin API answers unknown parameters with 400.
            "/admin/api/": [
                "search=Rahasia",
                f"child_of={desa_b.pk}",
                f"descendant_of={desa_b.pk}&fields=*",
            ],
        },
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def read(client: Client, response) -> str:
    """The body, and the messages the response left for the next page (a
    redirect's message names what it refused)."""
    if response.streaming:
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    body += response.get("Content-Disposition", "")
    cookie = client.cookies.pop("messages", None)
    if cookie is not None and cookie.value:
        stored = CookieStorage(HttpRequest())._decode(cookie.value) or []
        body += "".join(str(message) for message in stored)
    return body


def is_image(response) -> bool:
    """A raster image (B's, since every image id crawled is B's)."""
    kind = response.get("Content-Type", "")
    return kind.startswith("image/") and not kind.startswith("image/svg")


def crawl(client: Client, urls: list[str]) -> list[str]:
    """GET every URL; the problems found, one line each."""
    problems = []
    for url in urls:
        response = client.get(url)
        body = read(client, response)
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        elif is_image(response):
            problems.append(f"{url}: an image")
        elif leaked := [what for what, marker in MARKERS.items() if marker in body]:
            problems.append(f"{url}: {', '.join(leaked)}")
    return problems


@pytest.mark.django_db
def test_editor_a_crawling_every_admin_url_sees_nothing_of_desa_b(world):
    client = Client(raise_request_exception=False)
    client.force_login(world["editor_a"])
    urls = admin_urls(world["ids"], world["queries"]) + world["extra"]
    urls += bulk_action_urls(world["bulk_queries"])
    assert len(urls) > 400
    problems = crawl(client, urls)
    assert not problems, "\n".join(problems)


# The same world: what the scoping must leave to each role.


def get(user, url: str):
    client = Client()
    client.force_login(user)
    return client.get(url)


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.django_db
def test_admin_api_lists_the_media_each_user_may_choose(world):
    assert titles(get(world["editor_a"], "/admin/api/main/images/")) == [
        "Foto Giritirta"
    ]
    assert titles(get(world["editor_a"], "/admin/api/main/documents/")) == [
        "Dokumen Giritirta"
    ]
    image_a = world["image_a"].pk
    response = get(world["editor_a"], f"/admin/api/main/images/{image_a}/")
    assert response.json()["title"] == "Foto Giritirta"
    assert sorted(titles(get(world["moderator"], "/admin/api/main/images/"))) == [
        "Foto Giritirta",
        MARKERS["image title"],
    ]


@pytest.mark.django_db
def test_editors_choose_their_own_media(world):
    html = get(world["editor_a"], "/admin/images/chooser/").content.decode()
    assert "Foto Giritirta" in html


@pytest.mark.django_db
def test_the_page_chooser_offers_public_pages_of_every_desa_and_own_drafts(world):
    public_b = world["public_b"]
    browse = f"/admin/choose-page/{public_b.get_parent().pk}/"
    assert "Berita umum Ratamba" in get(world["editor_a"], browse).content.decode()
    search = "/admin/choose-page/search/?q=Berita"
    assert "Berita umum Ratamba" in get(world["editor_a"], search).content.decode()
    own_draft = "/admin/choose-page/search/?q=Rahasia"
    assert MARKERS["draft"] in get(world["editor_b"], own_draft).content.decode()
    assert MARKERS["draft"] in get(world["moderator"], own_draft).content.decode()


@pytest.mark.django_db
def test_choosing_several_pages_returns_only_linkable_ones(world):
    ids = [world["public_b"].pk, world["ids"]["page_id"][0], 1, "x"]
    query = "&".join(f"id={pk}" for pk in ids)
    response = get(world["editor_a"], f"/admin/choose-page/chosen-multiple/?{query}")
    assert response.status_code == 200
    chosen = response.json()["result"]
    assert [page["id"] for page in chosen] == [world["public_b"].pk]


@pytest.mark.django_db
def test_snippet_choosers_answer_only_users_with_a_permission(world):
    feeds = "/admin/snippets/choose/sources/externalfeed/"
    denied = get(world["editor_a"], feeds)
    assert denied.status_code == 302
    assert MARKERS["external feed"] not in denied.content.decode()
    assert MARKERS["external feed"] in get(world["moderator"], feeds).json()["html"]
    # A news page picks its category: every page editor may choose one.
    categories = "/admin/snippets/choose/news/newscategory/"
    assert "Pemerintahan" in get(world["editor_a"], categories).json()["html"]
    listing = get(world["editor_a"], "/admin/snippets/news/newscategory/")
    assert listing.status_code == 302


def test_every_snippet_chooser_checks_permissions():
    from wagtail.snippets.models import get_snippet_models

    from cms.core.admin_views import ScopedSnippetChooserViewSet

    for model in get_snippet_models():
        chooser = model.snippet_viewset.chooser_viewset
        assert isinstance(chooser, ScopedSnippetChooserViewSet), model


@pytest.mark.django_db
def test_tag_suggestions_come_from_what_the_user_may_see(world):
    url = f"/admin/tag-autocomplete/taggit/tag/?term={MARKERS['draft tag'][:5]}"
    assert get(world["editor_a"], url).json() == []
    assert get(world["editor_b"], url).json() == [
        MARKERS["document tag"],
        MARKERS["image tag"],
        MARKERS["draft tag"],
    ]


@pytest.mark.django_db
def test_page_types_report_counts_the_pages_each_user_works_on(world):
    html = get(world["editor_a"], "/admin/reports/page-types-usage/").content.decode()
    assert "Berita Giritirta" in html
    html = get(world["moderator"], "/admin/reports/page-types-usage/").content.decode()
    assert MARKERS["under an unpublished page"] in html


@pytest.mark.django_db
def test_moderators_still_review_and_move(world):
    draft_id, moderated_id = world["ids"]["page_to_move_id"]
    task_state = world["ids"]["task_state_id"][0]
    moderator = world["moderator"]
    approve = f"/admin/pages/workflow/action/{moderated_id}/approve/{task_state}/"
    assert get(moderator, approve).status_code == 200
    destination = world["public_b"].get_parent().pk
    move = f"/admin/pages/{draft_id}/move/{destination}/confirm/"
    assert get(moderator, move).status_code == 200
    assert get(world["editor_a"], move).status_code == 302  # refused


@pytest.mark.django_db
def test_media_tag_filters_offer_tags_of_media_the_user_may_choose(world):
    for url in ("/admin/images/", "/admin/images/chooser/", "/admin/documents/"):
        html = get(world["editor_a"], url).content.decode()
        own = "dokumengiritirta" if "documents" in url else "fotogiritirta"
        assert own in html, url
        assert MARKERS["image tag"] not in html and MARKERS["document tag"] not in html
    html = get(world["moderator"], "/admin/images/").content.decode()
    assert MARKERS["image tag"] in html


@pytest.mark.django_db
def test_bulk_confirmations_name_only_what_the_user_may_see(world):
    draft_id = world["ids"]["page_id"][0]
    pages = "/admin/bulk/wagtailcore/page/delete/"
    assert get(world["editor_a"], f"{pages}?id={draft_id}").status_code == 404
    mixed = f"{pages}?id={world['news_a'].pk}&id={draft_id}&id={world['public_b'].pk}"
    html = get(world["editor_a"], mixed).content.decode()
    # Their own page, and a public page they may see but not delete.
    assert "Berita Giritirta" in html and "Berita umum Ratamba" in html
    assert MARKERS["draft"] not in html
    assert MARKERS["draft"] in get(world["moderator"], mixed).content.decode()

    image_b = world["ids"]["image_id"][0]
    images = f"/admin/bulk/wagtailimages/image/add_tags/?id={image_b}"
    assert get(world["editor_a"], images).status_code == 404
    assert MARKERS["image title"] in get(world["moderator"], images).content.decode()
    feed = world["ids"]["externalfeed:pk"][0]
    feeds = f"/admin/bulk/sources/externalfeed/delete/?id={feed}"
    assert get(world["editor_a"], feeds).status_code == 404
    assert MARKERS["external feed"] in get(world["moderator"], feeds).content.decode()


def test_every_bulk_action_names_only_what_the_user_may_see():
    from django.apps import apps
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    from cms.core.admin_bulk_actions import VisibleObjectsOnlyMixin

    actions = [
        action
        for model in apps.get_models()
        for action in bulk_action_registry.get_bulk_actions_for_model(
            model._meta.app_label, model._meta.model_name
        )
    ]
    assert len(actions) >= 14
    for action in actions:
        assert issubclass(action, VisibleObjectsOnlyMixin), action


@pytest.mark.django_db
def test_usage_lists_only_the_pages_the_user_may_see(world):
    """B's draft uses A's image and document and links to A's page: A's
    editor is not even told a private page does."""
    for url in (
        f"/admin/images/usage/{world['image_a'].pk}/",
        f"/admin/documents/usage/{world['document_a'].pk}/",
        f"/admin/pages/{world['news_a'].pk}/usage/",
    ):
        response = get(world["editor_a"], url)
        assert response.status_code == 200
        assert "(Private" not in response.content.decode(), url
        assert MARKERS["draft"] in get(world["moderator"], url).content.decode()
