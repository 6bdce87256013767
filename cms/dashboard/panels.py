"""Admin home panels: the moderation queue by desa, freshness of every
desa, integration progress and a development summary. A desa editor sees
the same panels for their own desa only."""

import datetime
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from cms.core.vocabulary import DESA_HOME_DEPTH, desa_path
from cms.desa.models import DesaHomePage
from cms.desa.roles import desa_scope
from cms.development.models import FundingSource
from cms.opensid.models import Outcome

from .figures import dashboard, years_with_figures
from .models import IDMStatus
from .sources import FEED, HERE, OPENSID, SOURCE_KINDS

SOURCE_LABELS = {HERE: _("here"), FEED: _("feed"), OPENSID: _("OpenSID")}

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
        groups = defaultdict(list)
        now = timezone.now()
        for page in pages.order_by("path"):
            state = waiting[page.pk]
            task = state.current_task_state
            since = task.started_at if task else state.created_at
            groups[names.get(desa_path(page.path), "Kecamatan")].append(
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


class YearField(forms.TypedChoiceField):
    def validate(self, value):
        if value and not str(value).isdigit():
            raise ValidationError(
                _("A year is written in digits, for example 2025; showing this year."),
                code="invalid",
            )
        super().validate(value)


class YearForm(forms.Form):
    """The dashboard's year, from the admin home's query string."""

    year = YearField(
        label=_("Year"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "There are no figures for the year %(value)s; "
                "showing this year's instead."
            )
        },
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]

    def chosen_year(self, default: int) -> int:
        return self.cleaned_data["year"] if self.is_valid() else default


def idm_totals(data) -> dict:
    counts = data.idm_status_counts
    scored = len(data.idm_scored)
    return {
        "by_status": [
            {"status": status, "label": status.label, "desa": counts.get(status, 0)}
            for status in IDMStatus
        ],
        "average": data.idm_average,
        "scored": scored,
        "unscored": len(data.desa) - scored,
    }


def source_row(item) -> dict:
    """One desa's line of the sources table: the source names per kind, its
    newest push and the modules whose last push did not succeed."""
    sync = item.sources.sync
    return {
        "desa": item.desa,
        "kinds": [
            [SOURCE_LABELS[source] for source in item.sources.by_kind[kind]]
            for kind in SOURCE_KINDS
        ],
        "last": max(sync, key=lambda push: push.received_at, default=None),
        "failing": [push for push in sync if push.outcome != Outcome.SUCCESS],
    }


def budget_totals(data) -> dict:
    by_source = data.development.by_source
    return {
        "by_source": [
            {"source": source, "label": source.label, "rupiah": by_source[source]}
            for source in FundingSource
            if by_source.get(source)
        ],
        "total": data.development.budget_total,
    }


class DashboardPanel(ScopedPanel):
    """Freshness, integration and development, from one dashboard() call."""

    name = "desa_dashboard"
    template_name = "dashboard/panels/dashboard.html"
    order = 145

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        this_year = timezone.localdate().year
        request = context["request"]
        year_form = YearForm(
            request.GET if request.GET.get("year") else None,
            years=years_with_figures(),
            auto_id="dashboard-%s",
        )
        data = dashboard(year_form.chosen_year(this_year), desa_ids=context["scope"])
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
        context.update(
            data=data,
            rows=rows,
            bar_width=BAR_WIDTH,
            year_form=year_form,
            idm=idm_totals(data),
            budget=budget_totals(data),
            source_rows=[source_row(item) for item in data.desa],
        )
        return context
