"""The base admin form of every page."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel, get_form_for_model
from wagtail.images import get_image_model
from wagtail.models import Page

from . import references
from .admin_scope import linkable_pages
from .media_access import choosable_media
from .references import Reference

IMAGE_REFUSED = _(
    "You may not use this image: it is in a collection you cannot choose from."
)
DOCUMENT_REFUSED = _(
    "You may not use this document: it is in a collection you cannot choose from."
)
PAGE_REFUSED = _("You may not choose this page.")
RICH_TEXT_REFUSED = _(
    "This text linked to a page or document, or showed an image, that you may "
    "not use; the link or image was taken out."
)


class ScopedBoundField(BoundField):
    """Shows a field without the references its form refused: a refused
    form is shown again, and the chooser would otherwise display the title,
    thumbnail or address of what the user may not see."""

    def value(self):
        value = super().value()
        refused = getattr(self.form, "refused_references", None)
        if not refused:
            return value
        try:
            field = self.form._meta.model._meta.get_field(self.name)
        except FieldDoesNotExist:
            return value
        return references.without(field, value, refused)


class ScopedChildForm(WagtailAdminModelForm):
    """The form of an inline child (a progress report and the like): its
    fields are shown without what the page form refused."""

    bound_field_class = ScopedBoundField


class ScopedInlinePanel(InlinePanel):
    """InlinePanel whose child forms are ScopedChildForm (Wagtail builds
    them from WagtailAdminModelForm, whatever the page form is)."""

    def get_form_options(self):
        options = super().get_form_options()
        child_options = self.child_edit_handler.get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = get_form_for_model(
            self.db_field.related_model, form_class=ScopedChildForm, **child_options
        )
        return options


class HeadlessPageForm(WagtailAdminPageForm):
    """Refuses any image or document the user may not choose and any page
    they may not link to, wherever the page refers to one: foreign keys,
    StreamField blocks, rich text and inline child forms (a desa editor
    posting another desa's image id, or a link to another desa's draft).

    A reference the stored page already has (live or latest revision) may
    stay: a moderator may have illustrated a desa's page from another
    collection, and its editor must still be able to edit the text."""

    bound_field_class = ScopedBoundField

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None:
            self._refuse_references_not_usable()
        return cleaned_data

    def _refuse_references_not_usable(self):
        found = list(_references_in_form(self))
        refused = _not_usable(self.for_user, set().union(*(r for *_, r in found)))
        if refused:
            refused -= references.in_stored_page(self.instance)
        for form, name, field, found_here in found:
            if found_here & refused:
                form.refused_references = refused
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
        if name in cleaned_data and references.can_refer(field):
            found = references.in_value(field, cleaned_data[name])
            if found:
                yield form, name, field, found
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            child.is_valid()  # its own validation first, for cleaned_data
            if not child.cleaned_data.get("DELETE"):
                yield from _references_in_form(child)


def _not_usable(user, found: set[Reference]) -> set[Reference]:
    usable = set()
    for kind in {kind for kind, _key in found}:
        keys = [int(key) for k, key in found if k is kind and key.isdigit()]
        candidates = kind.objects.filter(pk__in=keys)
        if kind is Page:
            allowed = linkable_pages(user, candidates)
        else:
            allowed = choosable_media(user, candidates)
        usable |= {(kind, str(pk)) for pk in allowed.values_list("pk", flat=True)}
    return found - usable


def _error(field, cleaned_data, name, refused) -> forms.ValidationError:
    if getattr(field, "many_to_one", False):
        kind = references.kind_of(field.related_model)
        if kind is Page:
            message = PAGE_REFUSED
        elif kind is get_image_model():
            message = IMAGE_REFUSED
        else:
            message = DOCUMENT_REFUSED
        return forms.ValidationError(message, code="reference_not_allowed")
    positions = _block_positions(field, cleaned_data[name], refused)
    if not positions:  # rich text
        return forms.ValidationError(RICH_TEXT_REFUSED, code="reference_not_allowed")
    message = ngettext(
        "Block %(blocks)s used an image, document or page that you may not "
        "use; it was taken out.",
        "Blocks %(blocks)s used images, documents or pages that you may not "
        "use; they were taken out.",
        len(positions),
    )
    blocks = ", ".join(str(position) for position in positions)
    return forms.ValidationError(
        message, code="reference_not_allowed", params={"blocks": blocks}
    )


def _block_positions(field, value, refused) -> list[int]:
    """1-based positions of the top-level StreamField blocks that refer to a
    refused reference (empty for rich text fields)."""
    if not hasattr(field, "stream_block"):
        return []
    return [
        position
        for position, child in enumerate(value, start=1)
        if references.in_block(child.block, child.value) & refused
    ]
