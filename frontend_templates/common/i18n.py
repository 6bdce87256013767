"""Interface text in Indonesian through Babel and Jinja2's i18n extension,
and dates, numbers and money formatted for Indonesia: a decimal comma,
a point between thousands (73,0 %, 190,0 m, Rp 1.250.000)."""

import datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import Translations

LOCALE = "id"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@cache
def translations() -> Translations:
    return Translations.load(str(LOCALE_DIR), [LOCALE], domain="messages")


def gettext(message: str) -> str:
    return translations().gettext(message)


def N_(message: str) -> str:  # the conventional marker name
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


def month_name(number: int) -> str:
    """Agustus, from 8 ("" for what is no month)."""
    return get_month_names("wide", locale=LOCALE).get(number, "")


def kb(value) -> str:
    """A file size: 12 KB, 1,5 MB (at least 1 KB)."""
    size = _number(value)
    if size is None:
        return ""
    if size >= 2**20:
        return ukuran(size / 2**20, "MB", 1)
    return ukuran(max(size / 2**10, 1), "KB", 0)


# Between a number and its unit or percent sign: a space that never breaks
# the line (a phone's narrow column would otherwise strand "%" or "m").
NBSP = "\u00a0"


def _number(value) -> float | int | None:
    """A number from the API's JSON (decimals may come as strings)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def angka(value, digits: int | None = None) -> str:
    """1.250 or, with `digits`, exactly that many decimals: 190,0"""
    number = _number(value)
    if number is None:
        return ""
    if digits is None:
        return format_decimal(number, locale=LOCALE)
    return format_decimal(number, _pattern(digits), locale=LOCALE)


def persen(value, digits: int = 1) -> str:
    """73,0 % from 73 (the API gives percentages from 0 to 100)."""
    number = _number(value)
    if number is None:
        return ""
    return format_percent(number / 100, _pattern(digits) + NBSP + "%", locale=LOCALE)


def ukuran(value, unit: str = "", digits: int = 1) -> str:
    """190,0 m: a measure with its unit."""
    number = angka(value, digits)
    return f"{number}{NBSP}{unit}" if number and unit else number


def rupiah(value) -> str:
    """Rp 150.000.000 (whole rupiah: no cents in village budgets)."""
    number = _number(value)
    if number is None:
        return ""
    return format_currency(
        number, "IDR", "¤ #,##0", locale=LOCALE, currency_digits=False
    )


def install(env) -> None:
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(), newstyle=True)
    env.filters["tanggal"] = tanggal
    env.filters["rupiah"] = rupiah
    env.filters["angka"] = angka
    env.filters["persen"] = persen
    env.filters["ukuran"] = ukuran
    env.filters["kb"] = kb
