"""Who may use and fetch images and documents.

Two rules, the same everywhere: a user may use (choose into a page, and
download) the media of the collections where Wagtail's collection permission
policy lets them add, choose or change; anyone may download a file while a
public page uses it (`cms.core.visibility.is_public_media`).
"""

from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from .visibility import is_public_media

USE_ACTIONS = ["add", "choose", "change"]


def media_models() -> tuple:
    return (get_image_model(), get_document_model())


def is_media_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, media_models())


def usable_media(user, model) -> QuerySet:
    """The images or documents (`model`) that `user` may choose in the admin."""
    policy = policy_registry.get_by_type(model)
    collections = policy.collections_user_has_any_permission_for(user, USE_ACTIONS)
    return model.objects.filter(collection__in=collections)


def may_download(user, instance) -> bool:
    """Whether `user` (possibly anonymous) may fetch this file now."""
    if user.is_authenticated and (
        usable_media(user, type(instance)).filter(pk=instance.pk).exists()
    ):
        return True
    return is_public_media(instance)
