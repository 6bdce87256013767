"""Admin pages: two-factor setup under the user's account, the superusers'
list of sign-in lockouts, and the rate-limited password reset."""

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_ratelimit.decorators import ratelimit
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views import account as wagtail_account
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import lockout, two_factor
from .forms import AccountPasswordResetForm, CodeForm, UnlockForm


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Set up, inspect and turn off two-factor sign-in for oneself.

    Without a confirmed authenticator: the secret and its QR code, and a
    code to confirm it. With one: how many recovery codes remain, new codes
    (shown once), and turning it off; both changes ask for a current code."""

    template_name = "accounts/two_factor.html"
    page_title = gettext_lazy("Two-step verification")
    header_icon = "key"
    actions = ("confirm", "regenerate", "disable")

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enabled"] = enabled = two_factor.has_two_factor(user)
        context["required"] = two_factor.is_required(user)
        context.setdefault("form", CodeForm())
        if enabled:
            context["codes_left"] = two_factor.recovery_codes_left(user)
        else:
            device = two_factor.pending_device(user)
            context["secret"] = two_factor.secret(device)
            context["qr_svg"] = two_factor.qr_svg(device)
        return context

    def post(self, request):
        action = request.POST.get("action")
        form = CodeForm(request.POST)
        if action not in self.actions or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        handler = getattr(self, action)
        try:
            return handler(form.cleaned_data["code"])
        except two_factor.CodeRefused as refused:
            form.add_error("code", self.refusal_message(refused))
            return self.render_to_response(self.get_context_data(form=form))

    def refusal_message(self, refused) -> str:
        if refused.throttled:
            return _("Too many wrong codes: wait a moment before trying another one.")
        return _("The verification code is wrong or already used.")

    def confirm(self, code):
        user = self.request.user
        if two_factor.has_two_factor(user):
            return HttpResponseRedirect(reverse("accounts_two_factor"))
        device = two_factor.pending_device(user)
        codes = two_factor.confirm(device, code)
        otp_login(self.request, device)
        messages.success(self.request, _("Two-step verification is on."))
        return self.show_codes(codes)

    def regenerate(self, code):
        two_factor.verify(self.request.user, code)
        codes = two_factor.new_recovery_codes(self.request.user)
        messages.success(
            self.request, _("New recovery codes made; the old ones no longer work.")
        )
        return self.show_codes(codes)

    def disable(self, code):
        two_factor.verify(self.request.user, code)
        two_factor.disable(self.request.user)
        messages.success(self.request, _("Two-step verification is off."))
        return HttpResponseRedirect(reverse("accounts_two_factor"))

    def show_codes(self, codes):
        """The recovery codes, once: they are in this response only."""
        context = self.get_context_data(recovery_codes=codes)
        return self.render_to_response(context)


@method_decorator(never_cache, name="dispatch")
@method_decorator(user_passes_test(lambda user: user.is_superuser), name="dispatch")
class LockoutListView(WagtailAdminTemplateMixin, TemplateView):
    """Superusers see who is locked out of signing in and unlock them."""

    template_name = "accounts/lockouts.html"
    page_title = gettext_lazy("Sign-in lockouts")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lockouts"] = lockout.current_lockouts()
        context["limits"] = lockout.limits()
        context["cooloff_minutes"] = int(
            settings.AXES_COOLOFF_TIME.total_seconds() // 60
        )
        context["accounts"] = set(
            get_user_model()
            .objects.filter(
                username__in=[
                    row.value for row in context["lockouts"] if row.kind == "account"
                ]
            )
            .values_list("username", flat=True)
        )
        return context

    def post(self, request):
        form = UnlockForm(request.POST)
        if form.is_valid():
            kind, value = form.cleaned_data["kind"], form.cleaned_data["value"]
            lockout.unlock(kind, value)
            messages.success(request, _("Unlocked: %(value)s") % {"value": value})
        else:
            messages.error(request, _("Nothing to unlock: the request was not valid."))
        return HttpResponseRedirect(reverse("accounts_lockouts"))


def reset_rate_per_address(group, request) -> str:
    return settings.PASSWORD_RESET_RATE_PER_ADDRESS


def reset_rate_per_email(group, request) -> str:
    return settings.PASSWORD_RESET_RATE_PER_EMAIL


def reset_email(group, request) -> str:
    """The address asked for, folded at least as far as the reset form and
    the database match it (Unicode compatibility forms, any case, the
    database's upper-casing: "ſekdes@..." and "sekdes@..." reach the same
    account, so they share one count)."""
    email = unicodedata.normalize("NFKC", request.POST.get("email", "").strip())
    return email.upper().casefold()[:254]


@method_decorator(
    ratelimit(
        group="password-reset-address",
        key="ip",
        rate=reset_rate_per_address,
        method="POST",
        block=False,
    ),
    name="post",
)
@method_decorator(
    ratelimit(
        group="password-reset-email",
        key=reset_email,
        rate=reset_rate_per_email,
        method="POST",
        block=False,
    ),
    name="post",
)
class PasswordResetView(wagtail_account.PasswordResetView):
    """Wagtail's password reset, limited per client address and per e-mail
    address. Over the limit no mail is sent and the form says so; the answer
    is the same whether or not the address has an account. The form also
    reaches accounts still waiting for a manager's password link."""

    success_url = reverse_lazy("wagtailadmin_password_reset_done")

    def get_form_class(self):
        return AccountPasswordResetForm

    def post(self, request, *args, **kwargs):
        if not getattr(request, "limited", False):
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many password reset requests from here or for this e-mail "
                "address. Try again later, or ask a superuser for help."
            ),
        )
        return TemplateResponse(
            request,
            self.get_template_names(),
            self.get_context_data(form=form),
            status=429,
        )
