"""What the public may see: live pages with no unpublished ancestor and no
view restriction on themselves or an ancestor, and only the images and
documents such pages use.

Everything is expressed as SQL subqueries so that a listing stays one query
however many restrictions exist.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Substr
from wagtail.models import Page, PageViewRestriction, ReferenceIndex


def _ancestor_or_self(prefix_field: str) -> Q:
    """Match rows whose `prefix_field` is a prefix of the outer page's path."""
    return Q(
        **{
            prefix_field: Substr(
                OuterRef("path"), 1, Length(prefix_field), output_field=CharField()
            )
        }
    )


def hidden_by_ancestor() -> Exists:
    """True when the outer page, or one of its ancestors below the root, is
    unpublished."""
    return Exists(
        Page.objects.filter(
            _ancestor_or_self("path"), depth__gt=1, depth__lte=OuterRef("depth")
        ).filter(live=False)
    )


def restricted() -> Exists:
    """True when a view restriction applies to the outer page."""
    return Exists(PageViewRestriction.objects.filter(_ancestor_or_self("page__path")))


def public_pages(queryset: QuerySet) -> QuerySet:
    """Narrow any page queryset to what the public may read."""
    return (
        queryset.filter(live=True).exclude(hidden_by_ancestor()).exclude(restricted())
    )


def _referenced_by_public_pages(model) -> Exists:
    page_ids = public_pages(Page.objects.all()).annotate(
        object_key=Cast("pk", CharField())
    )
    return Exists(
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            to_object_id=Cast(OuterRef("pk"), CharField()),
            object_id__in=page_ids.values("object_key"),
        )
    )


def public_media(queryset: QuerySet) -> QuerySet:
    """Images or documents used by at least one public page."""
    return queryset.filter(_referenced_by_public_pages(queryset.model))
