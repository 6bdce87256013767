"""Interface text in Indonesian through Babel and Jinja2's i18n extension,
and dates and money formatted for Indonesia."""

import datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE = "id"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@cache
def translations() -> Translations:
    return Translations.load(str(LOCALE_DIR), [LOCALE], domain="messages")


def gettext(message: str) -> str:
    return translations().gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the conventional marker name
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def to_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.fromisoformat(value).date()


def tanggal(value, style: str = "d MMMM y") -> str:
    """29 November 2026"""
    day = to_date(value)
    return format_date(day, style, locale=LOCALE) if day else ""


def rupiah(value) -> str:
    """Rp 150.000.000"""
    if value is None:
        return ""
    return "Rp " + format_decimal(value, locale=LOCALE)


def install(env) -> None:
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(), newstyle=True)
    env.filters["tanggal"] = tanggal
    env.filters["rupiah"] = rupiah
