"""Rich text rendered anywhere outside the editor (Wagtail's own API
endpoints, `expand_db_html`) links only to what the public may see, at its
public address: the same rules as the project's API (richtext.py)."""

from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .richtext import document_links, page_links


class PublicPageLinkHandler(PageLinkHandler):
    """A page link becomes the page's frontend URL, or a bare <a> when the
    page is not public (Wagtail's links to any page, drafts included)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return page_links(attrs_list)


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return document_links(attrs_list)


# After Wagtail's own registrations, which these replace.
@hooks.register("register_rich_text_features", order=100)
def public_link_handlers(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
