"""The admin speaks Indonesian whatever the browser asks.

A desa editor and a kecamatan moderator walk the screens they use, with an
English browser (Accept-Language: en): every page the dashboard leads to,
followed link by link within the admin, the page editor of every page type
(new and existing), and the JavaScript catalogue. English text in what they
see (text, and the title, placeholder and aria-label they hear or hover)
fails the test. A user who chose English in their account preferences gets
English."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
import wagtail.admin
from django.core import mail
from django.test import Client
from wagtail.admin.localization import get_available_admin_languages
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_factories import ImageFactory

from cms.development.models import DevelopmentIndexPage
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage
from cms.tourism.models import TourismIndexPage
from cms.wisdom.models import LocalWisdomIndexPage
from tests.factories import (
    development_page,
    news_page,
    publish,
    section,
    tourism_page,
    wisdom_page,
)

from .admin_forms import news_form

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

# Words that are English and not Indonesian (nor names in the demo data).
# Words both languages use alike (status, email, filter, tag, admin, draft,
# dashboard, username, password) are not listed.
ENGLISH_WORDS = re.compile(
    r"\b("
    r"the|and|or|of|to|for|with|your|you|this|these|that|there|are|is|was|has|"
    r"have|been|not|no|yes|all|any|by|from|in|on|at|as|an|be|will|can|"
    r"page|pages|image|images|document|documents|snippet|snippets|"
    r"search|edit|edited|editing|delete|deleted|add|added|save|saved|saving|"
    r"publish|published|unpublish|unpublished|schedule|scheduled|"
    r"history|referenced|exploring|explorer|reports|report|help|"
    r"request|requested|changes|approve|approved|reject|rejected|"
    r"collapse|expand|insert|block|blocks|more|actions|action|view|views|"
    r"current|title|choose|chosen|upload|uploaded|select|selected|sort|"
    r"items|item|created|updated|date|live|preview|cancel|submit|submitted|"
    r"workflow|workflows|moderation|comment|comments|settings|account|"
    r"users|user|groups|group|name|first|last|previous|next|"
    r"show|hide|close|open|new|copy|move|lock|locked|unlock|"
    r"owner|author|type|types|size|drag|drop|here|"
    r"task|tasks|review|awaiting|recent|latest|edits|log|logs|"
    r"language|time|zone|profile|notifications|change|changed|"
    r"field|fields|required|error|errors|warning|please|correct|"
    r"privacy|public|private|children|child|parent|sibling|"
    r"slug|url|alt|focal|point|collection|collections|"
    r"usage|used|aging|site|sites|redirects|redirect|"
    r"loading|retry|undo|redo|bold|italic|link|links|heading|"
    r"unsaved|autosave|ago|minutes|minute|hours|hour|days|day|"
    r"seconds|second|month|months|year|years|week|weeks|today|yesterday"
    r")\b",
    re.IGNORECASE,
)
# Where an English word is right in Indonesian text: brand names, the
# sample content's own words (Wagtail's own first page in a new database),
# the names of file formats.
ALLOWED = re.compile(
    r"Welcome to your new Wagtail site!|Wagtail|\(slug\)|wagtailcore\.page|"
    r"\b[A-Z]{2,}\b|Google|OpenSID|SID|PDF|CSV|XLSX|JSON|URL|ID|IDM|"
    r"[\w.-]+@[\w.-]+|https?://\S+|\S+\.(?:png|jpe?g|gif|webp|txt|pdf)",
)
# Attributes read out or shown on hover.
SPOKEN = {"title", "placeholder", "aria-label", "alt", "aria-description"}
SKIP_TAGS = {"script", "style", "template", "noscript", "svg"}
# What a browser fetches by itself when it shows a page.
FETCHING = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
}


# Keys of the JSON the admin's scripts render (the sidebar's menu, the
# editor's blocks) whose values are shown.
SHOWN_KEYS = {"label", "title", "placeholder", "helpText", "help_text", "text"}


def shown_in_json(value) -> list[str]:
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            for text in ([item] if key in SHOWN_KEYS and isinstance(item, str) else [])
            + shown_in_json(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in shown_in_json(item)]
    return []


class VisibleText(HTMLParser):
    """The text a person sees or hears on an admin page, the labels in the
    JSON its scripts render (the sidebar menu), and the links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.json = False
        self.texts: list[str] = []
        self.links: list[str] = []
        self.fetched: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in FETCHING:
            self.fetched.extend(
                attrs[name] for name in FETCHING[tag] if attrs.get(name)
            )
        if tag == "script" and attrs.get("type") == "application/json":
            self.json = True
        if tag in SKIP_TAGS:
            self.hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not self.hidden:
            self.texts.extend(v for k, v in attrs.items() if k in SPOKEN and v)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.hidden:
            self.hidden -= 1
        if tag == "script":
            self.json = False

    def handle_data(self, data):
        if self.json and data.strip():
            shown = shown_in_json(json.loads(data))
            self.texts.extend(text for text in shown if not text.startswith("/"))
            self.links.extend(
                item["url"]
                for item in _dicts(json.loads(data))
                if isinstance(item.get("url"), str)
            )
        elif not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def _dicts(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dicts(item)


def english_in(texts) -> list[str]:
    found = []
    for text in texts:
        cleaned = ALLOWED.sub(" ", text)
        if ENGLISH_WORDS.search(cleaned):
            found.append(text)
    return found


def external(src: str) -> bool:
    """Whether a browser would ask another host than the CMS for `src`."""
    host = urlsplit(src.split()[0] if src.split() else src).netloc
    return bool(host) and host.split(":")[0] not in (
        "testserver",
        "localhost",
        "127.0.0.1",
    )


# Links not followed: signing out, and what is the same screen again.
NOT_FOLLOWED = re.compile(r"/admin/(logout|jsi18n)/|[?&](p|ordering|page)=")


def shape(url: str) -> str:
    """The screen a URL shows: /admin/pages/12/edit/?next=... and
    /admin/pages/13/edit/ are the same screen."""
    parts = urlsplit(url)
    query = "&".join(
        sorted(
            q.split("=")[0] for q in parts.query.split("&") if q and "next=" not in q
        )
    )
    return re.sub(r"\d+", "N", parts.path) + "?" + query


def walk(client: Client, seeds: list[str], limit: int = 200) -> dict[str, list]:
    """English texts found on each admin screen reachable from `seeds` by
    links, breadth first (each seed, then one URL of each screen, at most
    `limit` in all). A modal (JSON with its HTML) counts as a page."""
    seen, shapes, queue, findings = set(), set(), list(seeds), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or (url not in seeds and shape(url) in shapes):
            continue
        seen.add(url)
        shapes.add(shape(url))
        response = client.get(url, **ENGLISH)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if "json" in content_type:
            data = response.json()
            html = data.get("html") if isinstance(data, dict) else None
            if not isinstance(html, str):
                continue
        elif "html" in content_type:
            html = response.content.decode()
        else:
            continue
        parser = VisibleText()
        parser.feed(html)
        found = english_in(parser.texts) + [
            f"fetches {src}" for src in parser.fetched if external(src)
        ]
        if found:
            findings[url] = found
        for link in parser.links:
            link = urldefrag(link).url
            if (
                link.startswith("/admin/")
                and not urlsplit(link).netloc
                and not NOT_FOLLOWED.search(link)
                and link not in seen
            ):
                queue.append(link)
    return findings


@pytest.fixture
def world(desa_a, editor_a, moderator):
    """Desa A with a published page of every type, an image, a document,
    and a news page the editor submitted for review."""
    index = section(desa_a, NewsIndexPage)
    pages = {
        "news": publish(news_page(desa_a, title="Berita Giritirta")),
        "tourism": publish(tourism_page(desa_a, title="Curug Giritirta")),
        "wisdom": publish(wisdom_page(desa_a, title="Tradisi Giritirta")),
        "development": publish(
            development_page(
                desa_a, title="Jalan Giritirta", reports=[("2026-03-01", 40)]
            )
        ),
    }
    ImageFactory(
        title="Foto Giritirta",
        file=get_test_image_file(filename="foto-giritirta.png"),
        collection=desa_a.roles.collection,
    )
    get_document_model().objects.create(
        title="Dokumen Giritirta",
        file=get_test_image_file(filename="dokumen-giritirta.txt"),
        collection=desa_a.roles.collection,
    )
    response = Client()
    response.force_login(editor_a)
    posted = response.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form(
            title="Posyandu",
            slug="posyandu",
            category=NewsCategory.objects.get(slug="kesehatan").pk,
            **{"action-submit": "action-submit"},
        ),
    )
    assert posted.status_code == 302
    pages["submitted"] = NewsPage.objects.get(slug="posyandu")
    return {"desa": desa_a, "pages": pages}


def seeds(world) -> list[str]:
    """The screens of the daily work: the links from them are followed."""
    desa = world["desa"]
    pages = world["pages"]
    urls = ["/admin/", f"/admin/pages/{desa.pk}/", "/admin/account/"]
    for page in pages.values():
        urls += [
            f"/admin/pages/{page.pk}/edit/",
            f"/admin/pages/{page.pk}/history/",
            f"/admin/pages/{page.pk}/usage/",
        ]
    for model, kind in [
        (NewsIndexPage, "news/newspage"),
        (TourismIndexPage, "tourism/tourismpage"),
        (LocalWisdomIndexPage, "wisdom/localwisdompage"),
        (DevelopmentIndexPage, "development/developmentprojectpage"),
    ]:
        urls.append(f"/admin/pages/add/{kind}/{section(desa, model).pk}/")
    urls += [
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/",
        "/admin/snippets/dashboard/idmscore/",
        "/admin/snippets/dashboard/idmscore/add/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/workflows/tasks/index/",
        "/admin/users/",
        "/admin/choose-page/",
        f"/admin/choose-page/{desa.pk}/",
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/snippets/choose/dashboard/idmscore/",
        "/admin/snippets/choose/news/newscategory/",
    ]
    return urls


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["editor_a", "moderator"])
def test_the_screens_of_the_daily_work_are_indonesian_for_an_english_browser(
    world, role, request
):
    findings = walk(signed_in(request.getfixturevalue(role)), seeds(world))
    assert not findings, json.dumps(findings, indent=1, ensure_ascii=False)


def test_the_sign_in_page_is_indonesian_for_an_english_browser(db):
    response = Client().get("/admin/login/", **ENGLISH)
    parser = VisibleText()
    parser.feed(response.content.decode())
    assert response.status_code == 200
    assert english_in(parser.texts) == []


def wagtail_js_messages() -> list[str]:
    """Every message of Wagtail's admin scripts, from its English catalogue."""
    from babel.messages.pofile import read_po

    path = Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po"
    with path.open("rb") as catalogue:
        return [
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(catalogue)
            if message.id
        ]


def test_every_message_of_the_admin_scripts_is_indonesian(editor_a):
    """The autosave, validation and block editor messages come from the
    JavaScript catalogue: a message missing there shows in English."""
    response = signed_in(editor_a).get("/admin/jsi18n/", **ENGLISH)
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});\n", response.text, re.S).group(1)
    )
    missing = [
        message
        for message in wagtail_js_messages()
        if not catalogue.get(message) and english_in([message])
    ]
    assert missing == []
    assert catalogue["Insert a block"] == "Sisipkan blok"


def test_a_user_who_chose_english_gets_english(world, editor_a):
    profile = UserProfile.get_for_user(editor_a)
    profile.preferred_language = "en"
    profile.save()
    client = signed_in(editor_a)
    assert "Search all pages" in client.get("/admin/").text
    js = client.get("/admin/jsi18n/").text
    assert "Sisipkan blok" not in js
    # Back to the server language: Indonesian again, whatever the browser.
    profile.preferred_language = ""
    profile.save()
    assert "Cari di semua halaman" in signed_in(editor_a).get("/admin/", **ENGLISH).text
    assert "en" in dict(get_available_admin_languages())


def act(client, page, action, comment=""):
    state = type(page).objects.get(pk=page.pk).current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        {"comment": comment},
        **ENGLISH,
    )


def mail_texts(message) -> list[str]:
    """Subject and body lines, without the links."""
    lines = [message.subject, *message.body.splitlines()]
    return [re.sub(r"https?://\S+", "", line) for line in lines if line.strip()]


def test_review_notifications_are_indonesian(world, editor_a, moderator):
    """Submitted, changes requested, submitted again, approved: every
    e-mail's subject and text, to the moderator and to the editor."""
    page = world["pages"]["submitted"]
    act(signed_in(moderator), page, "reject", "Tambahkan foto kegiatan.")
    signed_in(editor_a).post(
        f"/admin/pages/{page.pk}/edit/",
        news_form(page, title="Posyandu balita", **{"action-submit": "1"}),
        **ENGLISH,
    )
    act(signed_in(moderator), page, "approve", "Bagus.")
    assert Page.objects.get(pk=page.pk).live
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        'Halaman "Posyandu" diajukan untuk disetujui pada tahap '
        '"Persetujuan Moderator Kecamatan"',
        'Halaman "Posyandu" perlu diperbaiki (Moderasi Kecamatan).',
        'Halaman "Posyandu balita" diajukan untuk disetujui pada tahap '
        '"Persetujuan Moderator Kecamatan"',
        'Halaman "Posyandu balita" telah disetujui (Moderasi Kecamatan).',
    ]
    for message in mail.outbox:
        assert english_in(mail_texts(message)) == [], message.body


def test_the_editor_explains_a_refused_page_in_indonesian(world, editor_a):
    """A missing title and a slug already taken, sent with an English
    browser: the form comes back with Indonesian messages."""
    index = section(world["desa"], NewsIndexPage)
    response = signed_in(editor_a).post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form(title="", slug=world["pages"]["news"].slug, category=""),
        **ENGLISH,
    )
    parser = VisibleText()
    parser.feed(response.content.decode())
    assert response.status_code == 200
    assert english_in(parser.texts) == []
    assert "Halaman tidak dapat dibuat karena ada isian yang salah." in parser.texts
