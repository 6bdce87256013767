"""Signing in over HTTP as a browser does, and codes as an authenticator
app computes them."""

from django.test import Client
from django_otp.oath import totp

PASSWORD = "Kata-sandi-yang-benar-2026"


def sign_in(client: Client, username: str, password: str = PASSWORD, **data):
    """POST the admin login form; `extra` holds request headers."""
    extra = data.pop("extra", {})
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, **data},
        **extra,
    )


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def app_code(device, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or `steps_ahead` periods
    later: a code once accepted is refused again, as it should be)."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_ahead,
    )
    return f"{value:0{device.digits}d}"
