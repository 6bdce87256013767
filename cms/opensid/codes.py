"""Desa codes as OpenSID sends them: the dotted Kemendagri form
(33.04.15.2011), or the 10 digits it stores (3304152011)."""

import re

_DOTTED = re.compile(r"^(\d{2})\.(\d{2})\.(\d{2})\.(\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2})(\d{4})$")


def normalise_kode(value) -> str | None:
    """The dotted form of a desa code, or None when it is not one. Numbers
    (an XLSX cell) and surrounding spaces are accepted."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    match = _DOTTED.match(text) or _DIGITS.match(text)
    return ".".join(match.groups()) if match else None
