"""The users admin, narrowed for the managers of desa teams (rules in
teams.py, forms in team_forms.py): Wagtail's UserViewSet, whose listing,
edit, history and usage views answer 404 for accounts the user may not
manage, plus two actions on a team member's account: a password reset link
and removing their second factor.

Installed through WAGTAILUSERS' app config (apps.py), as Wagtail documents
for a custom user viewset."""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import RelatedFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin, usage
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.users.views import users as wagtail_users

from cms.desa.models import DesaHomePage

from . import password_links, teams, two_factor
from .team_forms import TeamUserCreationForm, TeamUserEditForm

User = get_user_model()


# Group and page ids are 32-bit; a larger one is no id (and SQLite would
# raise on it instead of finding nothing).
MAX_ID = 2**31 - 1


class IdChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Wagtail's choices by id, refusing an id no row can have."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class DesaFilter(RelatedFilterMixin, django_filters.ModelMultipleChoiceFilter):
    """Members of a desa's editor or coordinator group."""

    field_class = IdChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        members = Q(groups__desa_roles__desa__in=value) | Q(
            groups__desa_coordinated__desa__in=value
        )
        return qs.filter(pk__in=User._default_manager.filter(members).values("pk"))


class TeamUserFilterSet(wagtail_users.UserFilterSet):
    """Wagtail's filters, groups among those the user may assign, and the
    desa a person edits for (`?desa=<desa page id>`)."""

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = request.user if request is not None else AnonymousUser()
        groups = teams.assignable_groups(user)
        self.filters["group"].queryset = groups.order_by("name")
        self.filters["group"].field_class = IdChoiceField
        # Only the desa whose team the user runs: a coordinator learns no
        # other desa here, not even one that is not public.
        desa = DesaHomePage.objects.filter(
            Q(roles__editor_group__in=groups) | Q(roles__coordinator_group__in=groups)
        )
        self.filters["desa"] = DesaFilter(
            queryset=desa.distinct().order_by("name"),
            label=gettext_lazy("Desa"),
            widget=CheckboxSelectMultiple,
        )


def desa_of(user) -> str:
    """ "Giritirta", "Giritirta (koordinator)", one entry per desa group."""
    names = []
    for group in user.desa_groups:
        if roles := getattr(group, "desa_roles", None):
            names.append(roles.desa.name)
        if roles := getattr(group, "desa_coordinated", None):
            names.append(_("%(desa)s (coordinator)") % {"desa": roles.desa.name})
    return ", ".join(sorted(names))


class ManagedAccountMixin:
    """The account in the URL, only if the user may manage it (else 404,
    as for an account that does not exist)."""

    def get_object(self, *args, **kwargs):
        account = super().get_object(*args, **kwargs)
        if not teams.may_manage(self.request.user, account):
            raise Http404
        return account


class FormForUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class IndexView(wagtail_users.IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        desa = Column("desa", accessor=desa_of, label=gettext_lazy("Desa"))
        columns.insert(3, desa)
        return columns

    def get_base_queryset(self):
        users = teams.manageable_users(self.request.user, super().get_base_queryset())
        desa_groups = teams.desa_groups().select_related(
            "desa_roles__desa", "desa_coordinated__desa"
        )
        return users.prefetch_related(
            Prefetch("groups", queryset=desa_groups, to_attr="desa_groups")
        )


class CreateView(FormForUserMixin, wagtail_users.CreateView):
    def is_valid(self, form):
        """A manager's form invites by e-mail: past the per-manager limit no
        account is made."""
        if not super().is_valid(form):
            return False
        if form.limited and password_links.over_limit(self.request):
            form.add_error(None, password_links.OVER_LIMIT_MESSAGE)
            self.produced_error_message = password_links.OVER_LIMIT_MESSAGE
            return False
        return True

    def save_instance(self):
        account = super().save_instance()
        if self.form.limited:
            password_links.send(self.request, account, password_links.INVITATION)
        return account

    def get_success_message(self, instance):
        if not self.form.limited:
            return super().get_success_message(instance)
        return _(
            "Account '%(account)s' created; a link to choose a password was sent "
            "to %(email)s."
        ) % {"account": instance, "email": instance.email}


class EditView(ManagedAccountMixin, FormForUserMixin, wagtail_users.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.editing_self:
            return buttons
        for name, label, icon in [
            ("reset_password", gettext_lazy("Reset password"), "key"),
            ("reset_two_factor", gettext_lazy("Remove two-step verification"), "lock"),
        ]:
            url = reverse(f"wagtailusers_users:{name}", args=[self.object.pk])
            buttons.append(Button(label, url=url, icon_name=icon, priority=40))
        return buttons


class DeleteView(ManagedAccountMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ManagedAccountMixin, wagtail_users.HistoryView):
    pass


class UsageView(ManagedAccountMixin, usage.UsageView):
    pass


@method_decorator(never_cache, name="dispatch")
class AccountActionView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page and its POST, for one account the user may
    manage (never their own: that is the account page's business)."""

    template_name = "accounts/team_account_action.html"
    header_icon = "user"
    description = ""
    button_label = ""

    def dispatch(self, request, pk):
        self.account = get_object_or_404(teams.manageable_users(request.user), pk=pk)
        if self.account == request.user:
            raise Http404
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.account)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "account": self.account,
            "description": self.description,
            "button_label": self.button_label,
            "edit_url": self.edit_url,
        }

    @property
    def edit_url(self):
        return reverse("wagtailusers_users:edit", args=[self.account.pk])

    def post(self, request, pk):
        self.act()
        log(instance=self.account, action=self.log_action, user=request.user)
        return HttpResponseRedirect(self.edit_url)


class ResetPasswordView(AccountActionView):
    page_title = gettext_lazy("Reset password")
    description = gettext_lazy(
        "The current password stops working at once and the account is signed "
        "out everywhere. A link to choose a new password is sent to the "
        "account's e-mail address; nobody else learns the new password."
    )
    button_label = gettext_lazy("Reset and send the link")
    log_action = teams.LOG_RESET_PASSWORD

    def post(self, request, pk):
        """Past the sender's limit the password stays as it is."""
        if password_links.over_limit(request):
            messages.error(request, password_links.OVER_LIMIT_MESSAGE)
            return HttpResponseRedirect(self.edit_url)
        return super().post(request, pk)

    def act(self):
        if password_links.reset(self.request, self.account):
            messages.success(
                self.request,
                _("Password reset; a link to choose a new one was sent to %(email)s.")
                % {"email": self.account.email},
            )
        else:
            messages.warning(
                self.request,
                _(
                    "Password reset, but no link was sent: the account has no "
                    "e-mail address or is inactive."
                ),
            )


class ResetTwoFactorView(AccountActionView):
    page_title = gettext_lazy("Remove two-step verification")
    description = gettext_lazy(
        "For someone who lost their authenticator app and recovery codes: "
        "their authenticator and recovery codes are removed, and they sign in "
        "with their password alone until they set up two-step verification "
        "again."
    )
    button_label = gettext_lazy("Remove two-step verification")
    log_action = teams.LOG_RESET_TWO_FACTOR

    def act(self):
        two_factor.disable(self.account)
        messages.success(
            self.request,
            _("Two-step verification removed for '%(account)s'.")
            % {"account": self.account},
        )


class TeamUserViewSet(wagtail_users.UserViewSet):
    filterset_class = TeamUserFilterSet
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    # Wagtail's generic copy view knows neither the team rules nor the user
    # forms: it showed any account, a superuser's too, to a team manager.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return TeamUserEditForm if for_update else TeamUserCreationForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path(
                "reset-password/<int:pk>/",
                ResetPasswordView.as_view(),
                name="reset_password",
            ),
            path(
                "reset-two-factor/<int:pk>/",
                ResetTwoFactorView.as_view(),
                name="reset_two_factor",
            ),
        ]
