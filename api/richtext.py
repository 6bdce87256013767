"""Rich text for the API: HTML with internal links pointing at the public
frontends, document links absolute, and links to anything not public
reduced to plain text anchors."""

from functools import lru_cache

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import LinkRewriter, MultiRuleRewriter

from cms.core.public_urls import desa_ref_for_path, desa_refs_for_paths, public_url
from cms.core.renditions import absolute
from cms.core.visibility import public_media, public_pages


def _ids(attrs_list) -> list[int]:
    ids = []
    for attrs in attrs_list:
        try:
            ids.append(int(attrs.get("id", "")))
        except ValueError:
            ids.append(0)
    return ids


def page_links(attrs_list: list[dict]) -> list[str]:
    ids = _ids(attrs_list)
    pages = {
        page.pk: page
        for page in public_pages(Page.objects.filter(pk__in=ids)).only(
            "pk", "path", "slug", "content_type"
        )
    }
    refs = desa_refs_for_paths(page.path for page in pages.values())
    tags = []
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            tags.append("<a>")
            continue
        url = public_url(
            page.specific_class, page.slug, desa_ref_for_path(page.path, refs)
        )
        tags.append(f'<a href="{escape(url)}">')
    return tags


def document_links(attrs_list: list[dict]) -> list[str]:
    ids = _ids(attrs_list)
    documents = public_media(get_document_model().objects.filter(pk__in=ids))
    urls = {document.pk: absolute(document.url) for document in documents}
    return [f'<a href="{escape(urls[pk])}">' if pk in urls else "<a>" for pk in ids]


@lru_cache(maxsize=1)
def _rewriter() -> MultiRuleRewriter:
    return MultiRuleRewriter(
        [LinkRewriter(bulk_rules={"page": page_links, "document": document_links})]
    )


def api_html(html: str) -> str:
    """Database rich text -> public HTML."""
    return _rewriter()(html or "")
