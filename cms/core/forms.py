"""The base admin form of every page."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images import get_image_model

from .media_access import choosable_media
from .media_references import (
    Reference,
    can_refer_to_media,
    media_in_block,
    media_in_page,
    media_in_value,
)

IMAGE_REFUSED = _(
    "You may not use this image: it is in a collection you cannot choose from."
)
DOCUMENT_REFUSED = _(
    "You may not use this document: it is in a collection you cannot choose from."
)
RICH_TEXT_REFUSED = _(
    "This text links to a document from a collection you cannot choose from."
)


class HeadlessPageForm(WagtailAdminPageForm):
    """Refuses any image or document the user may not choose, wherever the
    page refers to one: foreign keys, StreamField blocks, rich text and
    inline child forms (a desa editor posting another desa's image id).

    A reference the stored page already has (live or latest revision) may
    stay: a moderator may have illustrated a desa's page from another
    collection, and its editor must still be able to edit the text."""

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None:
            self._refuse_media_not_usable()
        return cleaned_data

    def _refuse_media_not_usable(self):
        found = list(_references_in_form(self))
        refused = _not_usable(self.for_user, set().union(*(r for *_, r in found)))
        if refused:
            refused -= media_in_page(self.instance)
        for form, name, field, references in found:
            if references & refused:
                form.add_error(name, _error(field, form.cleaned_data, name, refused))


def _references_in_form(form):
    """(form, field name, model field, references) for the form and its
    inline child forms, nested at any depth."""
    model = form._meta.model
    cleaned_data = getattr(form, "cleaned_data", {})
    for name in form.fields:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name in cleaned_data and can_refer_to_media(field):
            references = media_in_value(field, cleaned_data[name])
            if references:
                yield form, name, field, references
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            child.is_valid()  # its own validation first, for cleaned_data
            if not child.cleaned_data.get("DELETE"):
                yield from _references_in_form(child)


def _not_usable(user, references: set[Reference]) -> set[Reference]:
    usable = set()
    for model in {model for model, _key in references}:
        keys = [int(key) for m, key in references if m is model and key.isdigit()]
        usable |= {
            (model, str(pk))
            for pk in choosable_media(
                user, model.objects.filter(pk__in=keys)
            ).values_list("pk", flat=True)
        }
    return references - usable


def _error(field, cleaned_data, name, refused) -> forms.ValidationError:
    if getattr(field, "many_to_one", False):
        if issubclass(field.related_model, get_image_model()):
            return forms.ValidationError(IMAGE_REFUSED, code="media_not_allowed")
        return forms.ValidationError(DOCUMENT_REFUSED, code="media_not_allowed")
    positions = _block_positions(field, cleaned_data[name], refused)
    if not positions:  # rich text
        return forms.ValidationError(RICH_TEXT_REFUSED, code="media_not_allowed")
    message = ngettext(
        "Block %(blocks)s uses an image or document from a collection you "
        "cannot choose from.",
        "Blocks %(blocks)s use images or documents from collections you "
        "cannot choose from.",
        len(positions),
    )
    blocks = ", ".join(str(position) for position in positions)
    return forms.ValidationError(
        message, code="media_not_allowed", params={"blocks": blocks}
    )


def _block_positions(field, value, refused) -> list[int]:
    """1-based positions of the top-level StreamField blocks that refer to a
    refused image or document (empty for rich text fields)."""
    if not hasattr(field, "stream_block"):
        return []
    return [
        position
        for position, child in enumerate(value, start=1)
        if media_in_block(child.block, child.value) & refused
    ]
