"""Image and document admin views: Wagtail's, subclassed, at Wagtail's own
URLs (admin_urls.py), where its permission policy alone cannot say it.

- Listings also show an editor's items that a live page holds (the policy,
  media_policy.py, lets nobody but moderators change those), so the editor
  finds them; their edit page then says why instead of refusing bare.
- The tag filter of the listings and the image chooser's popular tags come
  from the media the user may choose (Wagtail's count every desa's).
- Usage listings (images, documents, pages) answer whoever may choose the
  item and list only the pages and objects the user may see (Wagtail shows
  a "(Private page)" row for every other desa's draft that uses it).
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.pages.usage import UsageView as PageUsageView
from wagtail.documents.views import documents
from wagtail.images.views import images
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from .admin_scope import popular_tags, visible_references

IMAGE_HELD = _(
    "A published page uses this image, so only a moderator may change or "
    "delete it. To show another picture, upload a new image, choose it in "
    "the page and submit the page for moderation."
)
DOCUMENT_HELD = _(
    "A published page uses this document, so only a moderator may change or "
    "delete it. To offer another file, upload a new document, choose it in "
    "the page and submit the page for moderation."
)


# Listings


class VisibleTagsFilterMixin:
    """The "tag" filter offers the tags most used on media the user may
    choose; without any, there is no tag filter (as in Wagtail)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "tag" in self.filters:
            tags = [tag.name for tag in popular_tags(request.user, self._meta.model)]
            if tags:
                self.filters["tag"].extra["choices"] = [(name, name) for name in tags]
            else:
                del self.filters["tag"]


class HeldMediaListedMixin:
    """Wagtail lists what the user may change or delete; the items a live
    page holds for them are listed too."""

    def get_base_queryset(self):
        listed = super().get_base_queryset()
        held = self.permission_policy.instances_held_by_live_pages(self.request.user)
        # An id list: the search backend filters on plain lookups alone.
        held_pks = list(held.values_list("pk", flat=True))
        return listed | listed.model._default_manager.filter(pk__in=held_pks)


class ImagesFilterSet(VisibleTagsFilterMixin, images.ImagesFilterSet):
    class Meta(images.ImagesFilterSet.Meta):
        pass


class DocumentsFilterSet(VisibleTagsFilterMixin, documents.DocumentsFilterSet):
    class Meta(documents.DocumentsFilterSet.Meta):
        pass


class ImagesIndexView(HeldMediaListedMixin, images.IndexView):
    filterset_class = ImagesFilterSet


class DocumentsIndexView(HeldMediaListedMixin, documents.IndexView):
    filterset_class = DocumentsFilterSet


class ScopedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_tags(self.request.user, self.model)
        return context


class ScopedImageChooserViewSet(ImageChooserViewSet):
    """Only its choose view is used (admin_urls.py); Wagtail's viewset
    answers the chooser's other URLs."""

    choose_view_class = ScopedImageChooseView


# Edit: the reason a live page holds the item


class ExplainHeldMixin:
    """For an item a live page holds, a message saying why it cannot be
    changed and the list of pages that use it, instead of Wagtail's refusal
    (a redirect to the dashboard saying "permission denied")."""

    held_message = ""
    usage_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        item = get_object_or_404(self.model, pk=kwargs[self.pk_url_kwarg])
        policy = policy_registry.get_by_type(self.model)
        if policy.held_by_live_pages(request.user, item):
            messages.warning(request, self.held_message)
            return redirect(self.usage_url_name, item.pk)
        return super().dispatch(request, *args, **kwargs)


class ImageEditView(ExplainHeldMixin, images.EditView):
    held_message = IMAGE_HELD
    usage_url_name = "wagtailimages:image_usage"


class DocumentEditView(ExplainHeldMixin, documents.EditView):
    held_message = DOCUMENT_HELD
    usage_url_name = "wagtaildocs:document_usage"


# Usage


class VisibleUsageMixin:
    def get_queryset(self):
        references = ReferenceIndex.get_references_to(self.object)
        return visible_references(
            self.request.user, references
        ).group_by_source_object()


class MediaUsageMixin(VisibleUsageMixin):
    """Whoever may choose the item sees where it is used (Wagtail: only who
    may change it, so an editor could not see what holds their item); the
    "Edit" button only for who may change it."""

    def user_has_permission(self, permission):
        return self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "choose"], self.object
        )

    def get_edit_url(self, instance):
        policy = self.permission_policy
        if policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None


class ImageUsageView(MediaUsageMixin, images.UsageView):
    pass


class DocumentUsageView(MediaUsageMixin, documents.UsageView):
    pass


class ScopedPageUsageView(VisibleUsageMixin, PageUsageView):
    pass
