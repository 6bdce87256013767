"""The admin's "OpenSID sync" pages: sync keys and identity proposals for
kecamatan moderators, the push history and status for them and, for their
own desa only, for a desa's editors and coordinator.

Who sees what (cms/desa/roles.py): moderators and superusers every desa;
anyone else the desa whose subtree they are granted (`desa_scope`); nobody
else anything. A key's plain form is shown once, in the answer to the POST
that made it, and is stored nowhere.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.desa.models import DesaHomePage
from cms.desa.panels import boundary_summary
from cms.desa.roles import MODERATOR_GROUP_NAME, desa_scope

from . import identity
from .models import (
    IdentityProposal,
    Module,
    Outcome,
    ProposalStatus,
    SyncKey,
    SyncPush,
)
from .status import last_pushes

PUSHES_PER_PAGE = 50


def is_moderator(user) -> bool:
    """A kecamatan moderator or a superuser (an active one)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATOR_GROUP_NAME).exists()


def server_address() -> str:
    """What a desa operator types as OpenSID's "server OpenDK": this site's
    base URL (OpenSID appends /api/v1/...)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "resubmit"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": "", "label": self.get_page_title()}
        ]


class ForbiddenView(AdminPage):
    """A plain 403 in the admin's frame: Wagtail would answer a
    PermissionDenied with a redirect to the dashboard, which hides from
    scripts and tests that the page is refused."""

    template_name = "opensid/admin/forbidden.html"
    page_title = gettext_lazy("Not allowed")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(), status=403)

    post = get


class OpenSIDAdminView(AdminPage):
    """A page of the "OpenSID sync" menu, for moderators unless it says
    otherwise (`moderators_only`)."""

    moderators_only = True

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request):
            return ForbiddenView.as_view()(request)
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, request) -> bool:
        return not self.moderators_only or is_moderator(request.user)


# Keys


class KeyForm(forms.Form):
    desa = forms.ModelChoiceField(
        label=gettext_lazy("Desa"),
        queryset=DesaHomePage.objects.order_by("name"),
    )
    label = forms.CharField(
        label=gettext_lazy("Label"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("For you: e.g. the operator's name or the server."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Optional: the key stops working at the end of it."),
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The expiry date has passed."))
        return day

    def expires_at(self):
        day = self.cleaned_data["expires_on"]
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


class KeyListView(OpenSIDAdminView):
    template_name = "opensid/admin/keys.html"
    page_title = gettext_lazy("Sync keys")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keys"] = SyncKey.objects.select_related("desa", "created_by")
        context["server"] = server_address()
        return context


class KeyCreateView(OpenSIDAdminView):
    template_name = "opensid/admin/key_form.html"
    page_title = gettext_lazy("New sync key")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", KeyForm())
        return context

    def post(self, request):
        form = KeyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        key, plain = SyncKey.objects.issue(
            form.cleaned_data["desa"],
            label=form.cleaned_data["label"],
            created_by=request.user,
            expires_at=form.expires_at(),
        )
        # The answer to this POST is the only place the plain key appears.
        response = TemplateResponse(
            request,
            "opensid/admin/key_created.html",
            {
                **self.get_context_data(),
                "page_title": _("Sync key created"),
                "key": key,
                "plain": plain,
                "server": server_address(),
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class KeyRevokeView(OpenSIDAdminView):
    template_name = "opensid/admin/key_revoke.html"
    page_title = gettext_lazy("Revoke sync key")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["key"] = get_object_or_404(
            SyncKey.objects.select_related("desa"), pk=self.kwargs["pk"]
        )
        return context

    def post(self, request, pk):
        key = get_object_or_404(SyncKey, pk=pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            messages.success(
                request,
                _("Key %(prefix)s… of %(desa)s revoked: OpenSID can no longer use it.")
                % {"prefix": key.prefix, "desa": key.desa},
            )
        return HttpResponseRedirect(reverse("opensid_keys"))


# Push history and status


class PushFilterForm(forms.Form):
    desa = forms.ModelChoiceField(
        label=gettext_lazy("Desa"), queryset=DesaHomePage.objects.none(), required=False
    )
    module = forms.ChoiceField(label=gettext_lazy("Module"), required=False)
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        desa = DesaHomePage.objects.order_by("name")
        self.fields["desa"].queryset = (
            desa if scope is None else desa.filter(pk__in=scope)
        )
        everything = [("", _("All"))]
        self.fields["module"].choices = everything + list(Module.choices)
        self.fields["outcome"].choices = everything + list(Outcome.choices)

    def filter(self, pushes):
        if not self.is_valid():
            return pushes
        data = self.cleaned_data
        if data["desa"]:
            pushes = pushes.filter(desa=data["desa"])
        if data["module"]:
            pushes = pushes.filter(module=data["module"])
        if data["outcome"]:
            pushes = pushes.filter(outcome=data["outcome"])
        return pushes


class ScopedView(OpenSIDAdminView):
    """For moderators (every desa) and a desa's team (their desa)."""

    def allowed(self, request) -> bool:
        self.scope = desa_scope(request.user) if request.user.is_active else []
        return self.scope is None or bool(self.scope)

    def in_scope(self, queryset):
        return queryset if self.scope is None else queryset.filter(desa__in=self.scope)


class PushListView(ScopedView):
    template_name = "opensid/admin/pushes.html"
    page_title = gettext_lazy("Sync history")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PushFilterForm(self.request.GET or None, scope=self.scope)
        pushes = form.filter(self.in_scope(SyncPush.objects.select_related("desa")))
        page = Paginator(pushes, PUSHES_PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(form=form, page=page, query=query.urlencode())
        return context


class StatusView(ScopedView):
    """Per desa: the last push of each module and how it went."""

    template_name = "opensid/admin/status.html"
    page_title = gettext_lazy("Sync status per desa")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        desa = self.in_scope_desa()
        pushes = last_pushes([d.pk for d in desa])
        modules = [m for m in Module if m != Module.MESSAGES]
        context["modules"] = modules
        context["rows"] = [
            {"desa": d, "last": [pushes.get(d.pk, {}).get(m) for m in modules]}
            for d in desa
        ]
        return context

    def in_scope_desa(self):
        desa = DesaHomePage.objects.order_by("name")
        return list(desa if self.scope is None else desa.filter(pk__in=self.scope))


# Identity proposals


class ProposalListView(OpenSIDAdminView):
    template_name = "opensid/admin/proposals.html"
    page_title = gettext_lazy("Identity proposals")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = IdentityProposal.objects.select_related("desa", "decided_by")
        context["pending"] = proposals.filter(status=ProposalStatus.PENDING)
        context["decided"] = proposals.exclude(status=ProposalStatus.PENDING)[:20]
        return context


class ProposalView(OpenSIDAdminView):
    """One proposal beside the desa's current values; accept or reject."""

    template_name = "opensid/admin/proposal.html"
    page_title = gettext_lazy("Identity proposal")

    def get_proposal(self):
        return get_object_or_404(
            IdentityProposal.objects.select_related("desa", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.get_proposal()
        context.update(
            proposal=proposal,
            proposed_boundary=boundary_summary(proposal.boundary),
            current_boundary=boundary_summary(proposal.desa.boundary),
        )
        return context

    def post(self, request, pk):
        proposal = self.get_proposal()
        decision = request.POST.get("decision")
        if proposal.status != ProposalStatus.PENDING:
            messages.error(request, _("This proposal has already been decided."))
        elif decision == "accept":
            identity.accept(proposal, request.user)
            messages.success(
                request,
                _("Accepted: %(desa)s's website and boundary are updated.")
                % {"desa": proposal.desa},
            )
        elif decision == "reject":
            identity.reject(proposal, request.user)
            messages.success(request, _("Rejected; the desa is unchanged."))
        return HttpResponseRedirect(reverse("opensid_proposals"))
