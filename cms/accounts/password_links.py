"""Password links for team members: an invitation when a manager creates
the account, a reset link when a manager resets it. Either way the manager
never knows the password, and the link is Django's single-use password
reset token (valid PASSWORD_RESET_TIMEOUT), opened at Wagtail's own
"set a new password" page."""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

INVITATION = "invitation"
RESET = "reset"
TEMPLATES = {
    INVITATION: (
        "accounts/email/team_invitation_subject.txt",
        "accounts/email/team_invitation.txt",
    ),
    RESET: (
        "accounts/email/team_reset_subject.txt",
        "accounts/email/team_reset.txt",
    ),
}


# The unusable password of an account waiting for its link: unusable like
# Django's own ("!" and random text), and recognisably so, for the
# forgotten-password form to send such an account a new link when this one
# has expired (Django's form skips every account without a usable password).
LINK_PENDING_PREFIX = f"{UNUSABLE_PASSWORD_PREFIX}link$"


def clear_password(account) -> None:
    """The account's password stops working (not saved)."""
    account.password = LINK_PENDING_PREFIX + get_random_string(40)


OVER_LIMIT_MESSAGE = _(
    "You have sent too many password links in a short time; no link was sent. "
    "Try again later."
)


def over_limit(request) -> bool:
    """Counts one more link sent by the signed-in user, and says whether that
    is past TEAM_PASSWORD_LINK_RATE (django-ratelimit, in the cache; fails
    open like the password reset limit). Invitations and resets share it."""
    return is_ratelimited(
        request,
        group="team-password-links",
        key="user",
        rate=settings.TEAM_PASSWORD_LINK_RATE,
        increment=True,
    )


class AccountLinkForm(PasswordResetForm):
    """Django's reset mail for one given account, also one without a usable
    password (which Django's form would skip: a new account has none)."""

    def __init__(self, account):
        super().__init__({"email": account.email})
        self.account = account

    def get_users(self, email):
        if self.account.is_active and self.account.email:
            yield self.account


def send(request, account, kind: str) -> bool:
    """E-mail the link; False when the account has no address to send to
    (or is inactive)."""
    form = AccountLinkForm(account)
    if not form.is_valid() or not list(form.get_users(account.email)):
        return False
    subject, body = TEMPLATES[kind]
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name=subject,
        email_template_name=body,
        extra_email_context={"manager": request.user},
    )
    return True


def reset(request, account) -> bool:
    """The current password stops working (and with it every session of the
    account), and a link to set a new one is sent."""
    clear_password(account)
    account.save(update_fields=["password"])
    return send(request, account, RESET)
