"""Local development and the embedded `make demo` run."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo frontend runs on this machine.
API_THROTTLE_EXEMPT = ["127.0.0.0/8", "::1/128"]

# Demo logins made by load_initial_data. Obviously fake; dev settings only.
DEMO_USERS = {
    "admin": {"password": "demo-admin-pejawaran", "role": "superuser"},
    "moderator": {"password": "demo-moderator-pejawaran", "role": "moderator"},
    "editor.giritirta": {
        "password": "demo-editor-giritirta",
        "role": "editor",
        "desa": "33.04.15.2005",
    },
    "editor.ratamba": {
        "password": "demo-editor-ratamba",
        "role": "editor",
        "desa": "33.04.15.2011",
    },
}
