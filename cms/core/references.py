"""Which images, documents and pages a page refers to, wherever it can:
foreign keys, StreamField blocks and rich text (read the way Wagtail's
reference index reads them), and the same in inline child objects; and the
same values with chosen references taken out (`without`), so that a refused
form never shows what it refused."""

import re

from django.db.models import Model
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.rich_text.rewriters import FIND_EMBED_TAG, extract_attrs

# (model, primary key as text); the model is the image model, the document
# model or Page, whatever the specific class.
Reference = tuple[type, str]

# Rich text in Wagtail's database format never nests links.
LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL)


def kind_of(model) -> type | None:
    """The model a reference to `model` is counted under, or None for
    models that are neither media nor pages."""
    if not isinstance(model, type):
        return None
    for kind in (get_image_model(), get_document_model(), Page):
        if issubclass(model, kind):
            return kind
    return None


def can_refer(field) -> bool:
    """Whether a model field can hold an image, a document or a page: a
    foreign key to one, or a field Wagtail's reference index reads
    (StreamField, RichTextField)."""
    if getattr(field, "many_to_one", False) and field.related_model is not None:
        return kind_of(field.related_model) is not None
    return hasattr(field, "extract_references")


def in_value(field, value) -> set[Reference]:
    """What `value` of model `field` refers to (`value`: a model instance or
    key for a foreign key, else the field's Python value)."""
    if value is None or value == "":
        return set()
    if getattr(field, "many_to_one", False):
        key = value.pk if isinstance(value, Model) else value
        return {(kind_of(field.related_model), str(key))}
    return _counted(field.extract_references(value))


def in_block(block, value) -> set[Reference]:
    """What one StreamField block value refers to."""
    return _counted(block.extract_references(value))


def _counted(references) -> set[Reference]:
    return {
        (kind_of(model), str(key))
        for model, key, _path, _content_path in references
        if kind_of(model) is not None
    }


def in_instance(instance) -> set[Reference]:
    """Everything `instance` and its inline children refer to."""
    found: set[Reference] = set()
    for field in instance._meta.concrete_fields:
        if can_refer(field):
            found |= in_value(field, field.value_from_object(instance))
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            found |= in_instance(child)
    return found


def in_stored_page(page) -> set[Reference]:
    """What the stored page already refers to: its current row (the live
    version) and its latest revision."""
    stored = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    if stored is None:
        return set()
    latest = stored.get_latest_revision_as_object()
    return in_instance(stored) | in_instance(latest)


# Taking references out


def without(field, value, refused: set[Reference]):
    """`value` (as a form field of model `field` prepares it for its
    widget) with every refused reference taken out: a foreign key emptied,
    chooser blocks emptied, links unwrapped to their text, embeds dropped."""
    if getattr(field, "many_to_one", False):
        key = value.pk if isinstance(value, Model) else value
        refers_to = (kind_of(field.related_model), str(key))
        return None if refers_to in refused else value
    if isinstance(field, StreamField) and value is not None:
        stream_block = field.stream_block
        prep = stream_block.get_prep_value(value)
        return stream_block.to_python(_block_without(stream_block, prep, refused))
    if isinstance(field, RichTextField) and isinstance(value, str):
        return html_without(value, refused)
    return value


def _block_without(block, prep, refused: set[Reference]):
    if isinstance(block, blocks.ChooserBlock):
        return None if (kind_of(block.model_class), str(prep)) in refused else prep
    if isinstance(block, blocks.RichTextBlock):
        return html_without(prep, refused) if isinstance(prep, str) else prep
    if isinstance(block, blocks.StructBlock) and isinstance(prep, dict):
        return {
            name: _block_without(block.child_blocks[name], item, refused)
            if name in block.child_blocks
            else item
            for name, item in prep.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(prep, list):
        return [_list_item_without(block.child_block, item, refused) for item in prep]
    if isinstance(block, blocks.StreamBlock) and isinstance(prep, list):
        return [
            {
                **child,
                "value": _block_without(
                    block.child_blocks[child["type"]], child["value"], refused
                ),
            }
            if child.get("type") in block.child_blocks
            else child
            for child in prep
        ]
    return prep


def _list_item_without(child_block, item, refused: set[Reference]):
    if isinstance(item, dict) and item.get("type") == "item":
        return {**item, "value": _block_without(child_block, item["value"], refused)}
    return _block_without(child_block, item, refused)


def html_without(html: str, refused: set[Reference]) -> str:
    """Rich text (database format) without links to refused pages or
    documents (their text stays) and without refused embedded images."""

    def link(match):
        attrs = extract_attrs(match.group(1))
        kind = _link_kind(attrs.get("linktype"))
        if kind is not None and (kind, attrs.get("id", "")) in refused:
            return match.group(2)
        return match.group(0)

    def embed(match):
        attrs = extract_attrs(match.group(1))
        image = (get_image_model(), attrs.get("id", ""))
        if attrs.get("embedtype") == "image" and image in refused:
            return ""
        return match.group(0)

    source = html.source if isinstance(html, RichText) else html
    return FIND_EMBED_TAG.sub(embed, LINK.sub(link, source))


def _link_kind(linktype: str | None) -> type | None:
    if linktype == "page":
        return Page
    if linktype == "document":
        return get_document_model()
    return None
