"""Start a new content generation whenever pages or media may change what
the public sees (the rule: cms/core/generation.py). Content apps connect
their own public models with `generation.renew_on_change`."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import new_generation, renew, renew_on_change


def renew_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        new_generation()


def renew_on_page_creation(sender, created, **kwargs):
    # A new page can hide a subtree (a draft desa gets its live sections).
    if created and issubclass(sender, Page):
        new_generation()


def connect() -> None:
    page_published.connect(renew, dispatch_uid="generation-page-published")
    page_unpublished.connect(renew, dispatch_uid="generation-page-unpublished")
    post_page_move.connect(renew, dispatch_uid="generation-page-moved")
    post_delete.connect(renew_on_page_delete, dispatch_uid="generation-page-deleted")
    post_save.connect(renew_on_page_creation, dispatch_uid="generation-page-created")
    for model in (get_image_model(), get_document_model(), PageViewRestriction):
        renew_on_change(model)
