"""Sign-in lockout on top of django-axes: two limits (per account, per
client address), the Indonesian lockout page, and what the superusers'
unlock view lists and resets."""

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

ACCOUNT = "account"
ADDRESS = "address"
FIELDS = {ACCOUNT: "username", ADDRESS: "ip_address"}


def limits() -> dict[str, int]:
    return {
        ACCOUNT: settings.AXES_FAILURE_LIMIT,
        ADDRESS: settings.SIGNIN_ADDRESS_FAILURE_LIMIT,
    }


class SigninLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with its own limit per client address.

    Axes compares one failure count with one limit (AXES_FAILURE_LIMIT, the
    account limit). This count is the account's failures, or the address's
    scaled to the account limit, whichever is higher, so the comparison
    locks exactly when the account reaches AXES_FAILURE_LIMIT or the
    address reaches SIGNIN_ADDRESS_FAILURE_LIMIT."""

    def get_failures(self, request, credentials=None) -> int:
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        counts = {
            parameter: queryset.aggregate(total=Sum("failures_since_start"))["total"]
            or 0
            for parameter, queryset in zip(parameters, attempts, strict=True)
        }
        limit = limits()
        by_address = counts.get(FIELDS[ADDRESS], 0) * limit[ACCOUNT] // limit[ADDRESS]
        return max(counts.get(FIELDS[ACCOUNT], 0), by_address)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): in the
    admin's language, status 429, whatever the password was."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(request, "accounts/lockout.html", {"minutes": minutes}, status=429)


@dataclass(frozen=True)
class Lockout:
    kind: str
    value: str
    failures: int
    last_failure: datetime
    until: datetime


def current_lockouts() -> list[Lockout]:
    """Accounts and addresses locked now, most recent first."""
    cool_off = get_cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    lockouts = []
    for kind, limit in limits().items():
        field = FIELDS[kind]
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
        )
        lockouts += [
            Lockout(
                kind, row[field], row["failures"], row["last"], row["last"] + cool_off
            )
            for row in rows
        ]
    return sorted(lockouts, key=lambda lockout: lockout.last_failure, reverse=True)


def unlock(kind: str, value: str) -> int:
    """Forget the failures of one account or one address (axes' reset API);
    returns how many attempt records went."""
    if kind == ACCOUNT:
        return reset(username=value)
    return reset(ip=value)
