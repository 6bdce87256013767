"""Admin home panels: the moderation queue by desa, freshness of every
desa, integration progress and a development summary. A desa editor sees
the same panels for their own desa only."""

import datetime
from collections import defaultdict

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from cms.core.models import DESA_HOME_DEPTH
from cms.desa.models import DesaHomePage
from cms.desa.roles import desa_scope

from .figures import dashboard

SILENT_AFTER = datetime.timedelta(days=30)
BAR_WIDTH = 120


def in_scope(pages, scope):
    """Pages under the desa in `scope` (all pages when None)."""
    if scope is None:
        return pages
    paths = DesaHomePage.objects.filter(pk__in=scope).values_list("path", flat=True)
    allowed = Page.objects.none()
    for path in paths:
        allowed |= pages.filter(path__startswith=path)
    return allowed


def desa_names_by_path() -> dict[str, str]:
    return dict(DesaHomePage.objects.values_list("path", "name"))


class ScopedPanel(Component):
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        context["request"] = request
        context["scope"] = desa_scope(request.user)
        context["is_kecamatan"] = context["scope"] is None
        return context


class ModerationQueuePanel(ScopedPanel):
    name = "desa_moderation_queue"
    template_name = "dashboard/panels/moderation_queue.html"
    order = 140

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        scope = context["scope"]
        states = (
            WorkflowState.objects.active()
            .filter(base_content_type__model="page")
            .select_related("requested_by", "current_task_state")
        )
        waiting = {int(state.object_id): state for state in states}
        pages = in_scope(Page.objects.filter(pk__in=waiting), scope)
        names = desa_names_by_path()
        steplen = Page.steplen * DESA_HOME_DEPTH
        groups = defaultdict(list)
        now = timezone.now()
        for page in pages.order_by("path"):
            state = waiting[page.pk]
            task = state.current_task_state
            since = task.started_at if task else state.created_at
            groups[names.get(page.path[:steplen], "Kecamatan")].append(
                {
                    "page": page,
                    "editor": state.requested_by,
                    "since": since,
                    "waited_days": (now - since).days,
                }
            )
        context["groups"] = sorted(groups.items())
        drafts = in_scope(
            Page.objects.filter(
                has_unpublished_changes=True, depth__gt=DESA_HOME_DEPTH
            ),
            scope,
        ).exclude(pk__in=waiting)
        context["drafts"] = list(drafts.order_by("-latest_revision_created_at")[:10])
        return context


class DashboardPanel(ScopedPanel):
    """Freshness, integration and development, from one dashboard() call."""

    name = "desa_dashboard"
    template_name = "dashboard/panels/dashboard.html"
    order = 145

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        data = dashboard(desa_ids=context["scope"])
        now = timezone.now()
        rows = []
        for item in data.desa:
            last = item.activity.last_published_at
            progress = item.development.average_progress
            rows.append(
                {
                    "figures": item,
                    "silent": last is None or now - last > SILENT_AFTER,
                    "bar": round(BAR_WIDTH * (progress or 0) / 100),
                }
            )
        context.update(data=data, rows=rows, bar_width=BAR_WIDTH)
        return context
