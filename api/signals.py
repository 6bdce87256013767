"""Start a new content generation whenever public content may change. The
signals fire inside the change's own transaction (where there is one), so
the new generation commits with the change (cms/core/generation.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.generation import new_generation
from cms.dashboard.models import IDMScore
from cms.news.models import NewsCategory
from cms.tourism.models import TourismFacility


def invalidate(**kwargs):
    new_generation()


page_published.connect(invalidate, dispatch_uid="api-cache-published")
page_unpublished.connect(invalidate, dispatch_uid="api-cache-unpublished")
post_page_move.connect(invalidate, dispatch_uid="api-cache-moved")


@receiver(post_delete)
def invalidate_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        new_generation()


@receiver(post_save)
def invalidate_on_page_creation(sender, created, **kwargs):
    # A new page can hide a subtree (a draft desa gets its live sections).
    if created and issubclass(sender, Page):
        new_generation()


for model in (
    get_image_model(),
    get_document_model(),
    PageViewRestriction,
    NewsCategory,
    TourismFacility,
    IDMScore,  # the dashboard figures
):
    post_save.connect(invalidate, sender=model, dispatch_uid=f"api-cache-save-{model}")
    post_delete.connect(
        invalidate, sender=model, dispatch_uid=f"api-cache-delete-{model}"
    )
