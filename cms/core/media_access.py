"""Who may use and fetch images and documents.

Two rules, the same everywhere: a user may use (see in the admin and its
API, choose into a page, download) the media of the collections where
Wagtail's collection permission policy lets them choose; anyone may download
a file while a public page uses it (`cms.core.visibility.is_public_media`).
"""

from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from .visibility import is_public_media


def media_models() -> tuple:
    return (get_image_model(), get_document_model())


def is_media_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, media_models())


def choosable_media(user, queryset: QuerySet) -> QuerySet:
    """`queryset` (images or documents) narrowed to the collections where
    `user` may choose."""
    policy = policy_registry.get_by_type(queryset.model)
    collections = policy.collections_user_has_permission_for(user, "choose")
    return queryset.filter(collection__in=collections)


def may_download(user, instance) -> bool:
    """Whether `user` (possibly anonymous) may fetch this file now."""
    if user.is_authenticated and (
        choosable_media(user, type(instance).objects.filter(pk=instance.pk)).exists()
    ):
        return True
    return is_public_media(instance)
