"""Where each kind of a desa's data comes from, and how its last OpenSID
pushes went, for every desa at once (two queries, whatever their number).

Sources, in this order: "sini" (written here), "feed" (read from the desa's
own website through an external feed, aggregator/sources/) and "opensid"
(pushed by the desa's OpenSID, cms/opensid/). A kind may have several while
a desa moves over, or none.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef

from cms.core.registry import kind_item_models
from cms.core.visibility import public_pages
from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentProjectPage as Project
from cms.development.models import Origin
from cms.opensid.models import Module, PopulationFigures, SyncedReport
from cms.opensid.status import last_pushes

HERE, FEED, OPENSID = "sini", "feed", "opensid"
SOURCE_KINDS = ("news", "development", "population", "reports")
# The modules a dashboard reader cares about (messages are not offered).
SYNC_MODULES = [module for module in Module if module != Module.MESSAGES]


@dataclass
class Sync:
    """The newest push of one module."""

    module: str
    received_at: object
    outcome: str
    label: str
    outcome_label: str


@dataclass
class Sources:
    by_kind: dict = field(default_factory=lambda: {k: [] for k in SOURCE_KINDS})
    sync: list = field(default_factory=list)


def _feeds():
    """Active external feeds of a desa, through the reverse relation the
    search app adds (no import of it: content apps stay below it); None
    when that app is not installed."""
    try:
        feed_model = DesaHomePage._meta.get_field("external_feeds").related_model
    except FieldDoesNotExist:
        return None
    return Exists(feed_model.objects.filter(desa=OuterRef("pk"), is_active=True))


def _annotations(hidden) -> dict:
    news = kind_item_models()["news"]
    projects = public_pages(Project.objects.filter(desa=OuterRef("pk")), hidden)
    found = {
        f"news_{HERE}": Exists(
            public_pages(news.objects.filter(desa=OuterRef("pk")), hidden)
        ),
        f"development_{HERE}": Exists(projects.filter(origin=Origin.HERE)),
        f"development_{OPENSID}": Exists(projects.filter(origin=Origin.OPENSID)),
        f"population_{OPENSID}": Exists(
            PopulationFigures.objects.filter(desa=OuterRef("pk"))
        ),
        f"reports_{OPENSID}": Exists(SyncedReport.objects.filter(desa=OuterRef("pk"))),
    }
    feeds = _feeds()
    if feeds is not None:
        found[f"news_{FEED}"] = feeds
    return found


def sources_by_desa(desa_ids, hidden) -> dict[int, Sources]:
    """{desa id: Sources} for the desa in `desa_ids`, in two queries."""
    desa_ids = list(desa_ids)
    annotations = _annotations(hidden)
    rows = (
        DesaHomePage.objects.filter(pk__in=desa_ids)
        .order_by()
        .annotate(**annotations)
        .values("pk", *annotations)
    )
    result = {}
    for row in rows:
        sources = Sources()
        for kind in SOURCE_KINDS:
            sources.by_kind[kind] = [
                source
                for source in (HERE, FEED, OPENSID)
                if row.get(f"{kind}_{source}")
            ]
        result[row["pk"]] = sources
    for desa_id, pushes in last_pushes(desa_ids).items():
        if desa_id in result:
            result[desa_id].sync = [
                Sync(
                    module=module.value,
                    received_at=push.received_at,
                    outcome=push.outcome,
                    label=str(module.label),
                    outcome_label=push.get_outcome_display(),
                )
                for module in SYNC_MODULES
                if (push := pushes.get(module.value))
            ]
    return result
