"""Two-factor sign-in with django-otp: one TOTP device (an authenticator
app) and one static device holding single-use recovery codes per user.

django-otp keeps the TOTP secret (hex) and the recovery codes as plain text
in its tables (a TOTP secret must be readable to compute codes); a recovery
code is deleted when used. Both devices throttle wrong codes themselves
(growing delays), on top of the sign-in lockout."""

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.desa.roles import MODERATOR_GROUP_NAME

RECOVERY_CODES = 10
# A TOTP code is six digits; a recovery code (StaticToken.random_token) is
# eight base32 characters, so its length alone tells the device.
TOTP_CODE = re.compile(r"\d{6}")


def has_two_factor(user) -> bool:
    """Whether the user has finished setting up two-factor sign-in (a
    confirmed authenticator; one query, asked on every admin request)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_required(user) -> bool:
    """Whether TWO_FACTOR_REQUIRED_FOR_STAFF applies to this user."""
    # Whoever manages accounts: superusers, moderators, desa coordinators.
    managers = Q(name=MODERATOR_GROUP_NAME) | Q(desa_coordinated__isnull=False)
    return settings.TWO_FACTOR_REQUIRED_FOR_STAFF and (
        user.is_superuser or user.groups.filter(managers).exists()
    )


def normalise_code(value: str) -> str:
    """Codes as people type them: spaces, hyphens and capitals removed."""
    return re.sub(r"[\s-]", "", value or "").lower()


def device_for_code(user, code: str):
    """The device that must check this code: the authenticator for digits,
    the recovery codes otherwise. Only that one device sees the code, so a
    wrong guess throttles only it (django-otp's advice)."""
    model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
    return (
        model.objects.devices_for_user(user, confirmed=True)
        .select_for_update()
        .order_by("pk")
        .first()
    )


class CodeRefused(Exception):
    """The code did not verify; `throttled` when the device refused to check
    it at all because of recent wrong codes."""

    def __init__(self, throttled: bool = False):
        super().__init__()
        self.throttled = throttled


def verify(user, code: str):
    """The device that accepts `code` (now used up), else CodeRefused."""
    code = normalise_code(code)
    with transaction.atomic():
        device = device_for_code(user, code) if code else None
        refused = check(device, code)
    if refused:
        raise refused
    return device


def check(device, code: str) -> CodeRefused | None:
    """Let the device check the code. Returns (never raises) the refusal, so
    that the caller's transaction commits the device's throttling state."""
    if device is None:
        return CodeRefused()
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return CodeRefused(throttled=True)
    if not device.verify_token(code):
        return CodeRefused()
    return None


def pending_device(user) -> TOTPDevice:
    """The authenticator being set up: an unconfirmed device, kept until it
    is confirmed so that the QR code does not change on every visit."""
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .order_by("pk")
        .first()
    )
    return device or TOTPDevice.objects.create(
        user=user, name="Aplikasi autentikator", confirmed=False
    )


def confirm(device: TOTPDevice, code: str) -> list[str]:
    """Confirm the authenticator with its first code; returns the new
    recovery codes. Raises CodeRefused on a wrong code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        refused = check(device, normalise_code(code))
        if not refused:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = new_recovery_codes(device.user)
    if refused:
        raise refused
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; the new ones are returned to be
    shown once."""
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name="Kode pemulihan")
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def disable(user) -> None:
    """Remove every device of the user (authenticator and recovery codes)."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in: base32, in groups."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// link as an inline SVG QR code, drawn here (the secret
    never leaves the server), with a white background for dark themes."""
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=15,
    )
    # The SVG is built by qrcode from our own link, not from user input.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308
