"""The admin sign-in form with its second step, and the forms of the
two-factor and lockout pages, and the forgotten-password form."""

import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.signals import user_login_failed
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from . import password_links, teams, two_factor
from .addresses import normalise
from .lockout import ACCOUNT, ADDRESS

CODE_MAX_LENGTH = 32


def code_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        max_length=CODE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text"}
        ),
        **kwargs,
    )


class SigninForm(LoginForm):
    """Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) plus a code field.

    A user with two-factor sign-in must give, with the right password, a
    code from their authenticator app or one recovery code. The field is
    shown to everyone, so the page does not tell which accounts use it.
    django-otp's OTPAuthenticationForm is not used as is: it has no mode for
    users without a device, asks the user to pick a device, and writes the
    password back into the page after a wrong code. Verification, throttling
    and marking the session verified are django-otp's (user.otp_device is
    saved in the session when Django's login() runs)."""

    otp_token = code_field(
        required=False,
        label=_("Two-step verification code"),
        help_text=_(
            "Only if two-step verification is on for your account: the 6-digit "
            "code from your authenticator app, or one recovery code."
        ),
    )

    code_errors = {
        "required": _("Enter the code from your authenticator app."),
        "invalid": _("The verification code is wrong or already used."),
        "throttled": _(
            "Too many wrong codes: wait a moment before trying another one."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and two_factor.has_two_factor(user):
            user.otp_device = self.verified_device(user)
        return cleaned_data

    def verified_device(self, user):
        code = self.cleaned_data.get("otp_token", "")
        if not code:
            raise forms.ValidationError(self.code_errors["required"], code="required")
        try:
            return two_factor.verify(user, code)
        except two_factor.CodeRefused as refused:
            self.count_failure()
            reason = "throttled" if refused.throttled else "invalid"
            raise forms.ValidationError(self.code_errors[reason], code=reason) from None

    def count_failure(self):
        """A wrong code is a failed sign-in for the lockout (django-axes
        listens to this signal), like a wrong password."""
        user_login_failed.send(
            sender=type(self),
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )


class CodeForm(forms.Form):
    """Asks for a current code before a change to two-factor sign-in."""

    code = code_field(label=_("Verification code"))


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[(ACCOUNT, ACCOUNT), (ADDRESS, ADDRESS)])
    value = forms.CharField(max_length=255)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == ADDRESS:
            cleaned_data["value"] = normalise(cleaned_data.get("value", ""))
            if not cleaned_data["value"]:
                raise forms.ValidationError(_("This is not an IP address."))
        return cleaned_data


def same_address(first: str, second: str) -> bool:
    """Django's own comparison in its reset form (NFKC, any case)."""
    return (
        unicodedata.normalize("NFKC", first).casefold()
        == unicodedata.normalize("NFKC", second).casefold()
    )


class AccountPasswordResetForm(PasswordResetForm):
    """Wagtail's forgotten-password form, which also sends a link to an
    active account still waiting for its password link: one invited or reset
    by a manager (password_links), whose link has expired, as the e-mail
    tells them to do. Django's form skips every account without a usable
    password. Accounts whose password was cleared some other way are still
    skipped, except members of a desa team (invited before such passwords
    were marked); inactive accounts never get a link."""

    def get_users(self, email):
        yield from super().get_users(email)
        users = get_user_model()._default_manager
        email_field = users.model.get_email_field_name()
        waiting = users.filter(
            Q(password__startswith=password_links.LINK_PENDING_PREFIX)
            | Q(
                password__startswith=UNUSABLE_PASSWORD_PREFIX,
                groups__in=teams.desa_groups(),
            ),
            **{f"{email_field}__iexact": email, "is_active": True},
        ).distinct()
        for user in waiting:
            if not user.has_usable_password() and same_address(
                email, getattr(user, email_field)
            ):
                yield user
