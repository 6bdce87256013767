"""Wagtail admin views narrowed by the rules of admin_scope.py.

Each class here is a small subclass of Wagtail's own view that applies one
rule before Wagtail's code runs. They reach the admin through Wagtail's
registration points (admin API router, page and snippet viewsets) or, where
Wagtail has none (page chooser browsing, tag suggestions, the page types
report), through admin_urls.py at Wagtail's own URLs.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from rest_framework.authentication import SessionAuthentication
from taggit.models import TagBase
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.pages.workflow import (
    CollectWorkflowActionDataView,
    ConfirmWorkflowCancellationView,
    PreviewRevisionForTaskView,
    WorkflowActionView,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_media_views import ScopedPageUsageView
from .admin_scope import (
    linkable_pages,
    may_choose_snippet,
    may_link_to,
    visible_tags,
    worked_on_pages,
)
from .media_access import choosable_media

TAG_SUGGESTIONS = 10


# Admin API (/admin/api/main/images/, /documents/): Wagtail's serve every
# collection to any admin user.


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    # The public API authenticates nobody (REST_FRAMEWORK settings); the
    # admin API knows the signed-in user, as Wagtail's admin pages API does.
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return choosable_media(self.request.user, super().get_queryset())


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return choosable_media(self.request.user, super().get_queryset())


# Page chooser: the `construct_page_chooser_queryset` hook narrows the
# listed pages; these two views also narrow what Wagtail shows beside them.


class ScopedBrowseView(BrowseView):
    """Browsing under a page the user may not link to is a 404 (the parent's
    draft title is shown as the heading); when Wagtail picks the parent
    itself (the common ancestor of a page type), the root stands in."""

    def get_object_list(self):
        if not may_link_to(self.request.user, self.parent_page):
            if self.kwargs.get("parent_page_id"):
                raise Http404
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class ScopedChosenMultipleView(ChosenMultipleView):
    """Only pages the user may link to come back (Wagtail returns the draft
    title of any id, and fails on the root page, which has no parent)."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        pages = linkable_pages(request.user, Page.objects.filter(pk__in=ids))
        request.GET = request.GET.copy()
        request.GET.setlist(
            "id",
            [str(pk) for pk in pages.filter(depth__gt=1).values_list("pk", flat=True)],
        )
        return super().get(request)


def tag_autocomplete(request, app_name=None, model_name=None):
    """Tag suggestions from the tags on what the user may see (Wagtail
    suggests every tag, including those only a draft carries)."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag

    tag_model = Tag
    if app_name and model_name:
        content_type = ContentType.objects.filter(
            app_label=app_name, model=model_name
        ).first()
        tag_model = content_type and content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tags = visible_tags(request.user, tag_model.objects.filter(name__istartswith=term))
    names = tags.order_by("name").values_list("name", flat=True)[:TAG_SUGGESTIONS]
    return JsonResponse(list(names), safe=False)


# Reports


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and the last edited page of each type over the pages the user
    works on (Wagtail's count every page and name the latest draft)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_active and user.is_superuser:
            return queryset
        pages = worked_on_pages(user)
        latest = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return (
            queryset.model.objects.filter(pk__in=queryset.values("pk"))
            .annotate(
                count=Count("pages", filter=Q(pages__in=pages.values("pk"))),
                last_edited_page_id=Subquery(latest.values("pk")[:1]),
            )
            .order_by("-count", "app_label", "model")
        )


# Page views: Wagtail's workflow views put the page's latest title in an
# error message before checking who asks, and its move confirmation checks
# the move only when it is posted.


class WorksOnPageMixin:
    """Only someone who works on the page, or may act on its current task,
    reaches the view."""

    def dispatch(self, request, *args, **kwargs):
        page = self.object
        task = page.current_workflow_task
        allowed = worked_on_pages(request.user).filter(pk=page.pk).exists() or (
            task is not None and task.specific.get_actions(page, request.user)
        )
        if not allowed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedWorkflowActionView(WorksOnPageMixin, WorkflowActionView):
    pass


class ScopedCollectWorkflowActionDataView(
    WorksOnPageMixin, CollectWorkflowActionDataView
):
    pass


class ScopedConfirmWorkflowCancellationView(
    WorksOnPageMixin, ConfirmWorkflowCancellationView
):
    pass


class ScopedPreviewRevisionForTaskView(WorksOnPageMixin, PreviewRevisionForTaskView):
    pass


class ScopedMoveConfirmView(MoveConfirmView):
    def dispatch(self, request, page_to_move_id, destination_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        destination = get_object_or_404(Page, id=destination_id)
        if not page.permissions_for_user(request.user).can_move_to(destination):
            raise PermissionDenied
        return super().dispatch(
            request, page_to_move_id, destination_id, *args, **kwargs
        )


class ScopedPageViewSet(PageViewSet):
    """Every page type's admin views, with the checks above."""

    name = "scoped_pages"
    workflow_action_view_class = ScopedWorkflowActionView
    collect_workflow_action_data_view_class = ScopedCollectWorkflowActionDataView
    confirm_workflow_cancellation_view_class = ScopedConfirmWorkflowCancellationView
    workflow_preview_view_class = ScopedPreviewRevisionForTaskView
    move_confirm_view_class = ScopedMoveConfirmView
    usage_view_class = ScopedPageUsageView


# Snippets: Wagtail's snippet choosers answer every admin user.


class SnippetChooserPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_choose_snippet(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type(
        "ChooseView", (SnippetChooserPermissionMixin, ChooseView), {}
    )
    choose_results_view_class = type(
        "ChooseResultsView", (SnippetChooserPermissionMixin, ChooseResultsView), {}
    )
    chosen_view_class = type(
        "SnippetChosenView", (SnippetChooserPermissionMixin, SnippetChosenView), {}
    )
    chosen_multiple_view_class = type(
        "SnippetChosenMultipleView",
        (SnippetChooserPermissionMixin, SnippetChosenMultipleView),
        {},
    )
    create_view_class = type(
        "SnippetCreateView", (SnippetChooserPermissionMixin, SnippetCreateView), {}
    )


class ScopedSnippetViewSet(SnippetViewSet):
    """Base of every snippet registration: its chooser answers only users
    with a permission on the snippet model (see admin_scope)."""

    chooser_viewset_class = ScopedSnippetChooserViewSet
