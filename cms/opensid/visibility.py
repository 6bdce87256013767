"""When a desa's synced reports are public: while the desa itself is (live,
with no unpublished or restricted ancestor, and no view restriction of its
own). They are no page's media, so the rule is registered with cms.core's
`register_media_rule` (from OpenSIDConfig.ready)."""

from django.db.models import Exists, OuterRef, QuerySet
from wagtail.documents import get_document_model

from .models import SyncedReport


def synced_report_documents(model, pages: QuerySet):
    """A condition on documents: the report of a desa among `pages` (the
    public pages)."""
    if not issubclass(model, get_document_model()):
        return None
    return Exists(
        SyncedReport.objects.filter(
            document=OuterRef("pk"), desa__in=pages.values("pk")
        )
    )
