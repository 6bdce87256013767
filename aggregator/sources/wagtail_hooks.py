"""Admin: moderators set each desa's feeds and see, per feed, the last
success, the last error and how many items it brought; they remove external
items (one by one or in bulk) once a desa's content lives here."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.admin_views import ScopedSnippetViewSet

from .models import ExternalFeed, ExternalItem


class ExternalFeedViewSet(ScopedSnippetViewSet):
    model = ExternalFeed
    icon = "site"
    menu_label = _("Feeds")
    form_fields = ["desa", "url", "is_active"]
    list_filter = ["is_active", "desa"]
    search_fields = ["url", "desa__title"]
    list_display = [
        "desa",
        Column("url", label=_("feed URL")),
        StatusTagColumn(
            "status_label",
            label=_("status"),
            primary=lambda feed: feed.status == "ok",
        ),
        DateColumn("last_success_at", label=_("last success")),
        Column("last_error_summary", label=_("last error")),
        Column("items_count", label=_("items indexed")),
    ]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "desa",
        "url",
        "is_active",
        "last_checked_at",
        "last_success_at",
        "last_error_at",
        "last_error",
    ]

    def get_queryset(self, request):
        return ExternalFeed.objects.select_related("desa").annotate(
            items_count=Count("items")
        )


class ExternalItemViewSet(ScopedSnippetViewSet):
    model = ExternalItem
    icon = "doc-full"
    menu_label = _("External items")
    form_fields = ["title"]
    list_filter = ["desa", "feed"]
    search_fields = ["title"]
    list_display = [
        "title",
        "desa",
        DateColumn("published_at", label=_("published")),
        Column("link", label=_("link")),
    ]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "desa",
        "feed",
        "title",
        "link",
        "guid",
        "author",
        "categories",
        "published_at",
        "summary",
        "first_seen_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return ExternalItem.objects.select_related("desa", "feed")


class ExternalSourcesGroup(SnippetViewSetGroup):
    items = (ExternalFeedViewSet, ExternalItemViewSet)
    menu_icon = "site"
    menu_label = _("External feeds")
    menu_name = "external-feeds"


register_snippet(ExternalSourcesGroup)
