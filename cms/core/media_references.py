"""Which images and documents a page refers to, wherever it can: foreign
keys, StreamField blocks and rich text (read the way Wagtail's reference
index reads them), and the same in inline child objects."""

from django.db.models import Model
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .media_access import is_media_model

# (model, primary key as text), the model being the image or document model.
Reference = tuple[type, str]


def can_refer_to_media(field) -> bool:
    """Whether a model field can hold an image or a document: a foreign key
    to either, or a field Wagtail's reference index reads (StreamField,
    RichTextField)."""
    if getattr(field, "many_to_one", False) and field.related_model is not None:
        return is_media_model(field.related_model)
    return hasattr(field, "extract_references")


def _media_model(model) -> type:
    image_model = get_image_model()
    return image_model if issubclass(model, image_model) else get_document_model()


def media_in_value(field, value) -> set[Reference]:
    """The images and documents that `value` of model `field` refers to
    (`value`: a model instance or key for a foreign key, else the field's
    Python value)."""
    if value is None:
        return set()
    if getattr(field, "many_to_one", False):
        key = value.pk if isinstance(value, Model) else value
        return {(field.related_model, str(key))}
    return _media_only(field.extract_references(value))


def media_in_block(block, value) -> set[Reference]:
    """The images and documents one StreamField block value refers to."""
    return _media_only(block.extract_references(value))


def _media_only(references) -> set[Reference]:
    return {
        (_media_model(model), str(key))
        for model, key, _path, _content_path in references
        if is_media_model(model)
    }


def media_in_instance(instance) -> set[Reference]:
    """Everything `instance` and its inline children refer to."""
    found: set[Reference] = set()
    for field in instance._meta.concrete_fields:
        if can_refer_to_media(field):
            found |= media_in_value(field, field.value_from_object(instance))
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            found |= media_in_instance(child)
    return found


def media_in_page(page) -> set[Reference]:
    """What the stored page already refers to: its current row (the live
    version) and its latest revision."""
    stored = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    if stored is None:
        return set()
    latest = stored.get_latest_revision_as_object()
    return media_in_instance(stored) | media_in_instance(latest)
