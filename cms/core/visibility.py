"""What the public may see: live pages with no unpublished ancestor and no
view restriction on themselves or an ancestor, and only the images and
documents such pages use.

A page is hidden by an ancestor only when that ancestor is unpublished or
restricted. Such "hiding" pages are rare (an unpublished desa, a private
section), so they are looked up once (`hiding_paths`, one small query) and
the listing itself gets plain path-prefix conditions: with none to hide, it
is a simple indexed query however large the kecamatan grows.

Media may also belong to a page by a rule of a content app rather than by
the page using them (a desa's synced reports are public while the desa is):
such rules are registered with `register_media_rule` and asked by
`public_media`, so every door to a file (downloads, the media API, document
links) follows them.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from .generation import GenerationMemo

# rule(model, pages) -> a condition on `model`, or None.
MediaRule = Callable[[type, QuerySet], object]
_media_rules: dict[str, MediaRule] = {}


def register_media_rule(name: str, rule: MediaRule) -> None:
    """Extension hook: an image or document also belongs to pages by a rule
    of a content app (a desa's synced report belongs to the desa page), not
    only by a page using it. `rule(model, pages)`, `pages` being a page
    queryset, returns a condition on `model` (a Q or an Exists) that holds
    for the items belonging to one of `pages`, or None when it has nothing
    to say about that model. Such an item is public while one of its pages
    is public (`public_media`), and held from desa editors like a live
    page's media (cms/core/media_policy.py). Registered once per `name`,
    from a content app's AppConfig.ready (cms.core knows no content app)."""
    _media_rules[name] = rule


def hiding_paths(generation: str | None = None) -> list[str]:
    """Tree paths whose whole subtree is hidden: unpublished pages that have
    children, and pages under a view restriction. (An unpublished leaf only
    hides itself, which `live=True` already covers.)

    With the API cache `generation` it is computed once per generation: every
    change that can alter it (publish, unpublish, page creation, move,
    delete, view restrictions) starts a new generation (cms/core/signals.py)."""
    return _hiding.get(generation)


def _hiding_paths() -> list[str]:
    unpublished = (
        Page.objects.filter(live=False, numchild__gt=0).order_by().values_list("path")
    )
    restricted = PageViewRestriction.objects.order_by().values_list("page__path")
    return sorted({path for (path,) in unpublished.union(restricted)})


_hiding = GenerationMemo(_hiding_paths)


def public_pages(queryset: QuerySet, hidden: list[str] | None = None) -> QuerySet:
    """Narrow any page queryset to what the public may read. Pass `hidden`
    (from `hiding_paths()`) when narrowing several querysets at once."""
    if hidden is None:
        hidden = hiding_paths()
    queryset = queryset.filter(live=True)
    for path in hidden:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def used_by_pages(pages: QuerySet, model) -> Exists:
    """A condition on `model` (images, documents): one of `pages` uses the
    object, by Wagtail's reference index (which, for a live page, records
    what its live version uses)."""
    page_ids = pages.annotate(object_key=Cast("pk", CharField()))
    return Exists(
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), CharField()),
            object_id__in=page_ids.values("object_key"),
        )
    )


def used_by(pages: QuerySet, model) -> Q:
    """A condition on `model`: one of `pages` uses the item, or a registered
    rule (`register_media_rule`) ties it to one of them."""
    condition = Q(used_by_pages(pages, model))
    for rule in _media_rules.values():
        extra = rule(model, pages)
        if extra is not None:
            condition |= Q(extra)
    return condition


def public_media(queryset: QuerySet) -> QuerySet:
    """Images or documents used by at least one public page, or tied to
    one by a registered rule."""
    public = public_pages(Page.objects.all())
    return queryset.filter(used_by(public, queryset.model))


def is_public_media(instance) -> bool:
    """Whether a public page uses this image or document now (one query
    after `hiding_paths`): the rule for anonymous downloads."""
    model = type(instance)
    return public_media(model.objects.filter(pk=instance.pk)).exists()
