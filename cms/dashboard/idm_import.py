"""Reading Kemendesa's per-desa IDM JSON (the `mapData` shape) from files.

    {"mapData": {
        "SUMMARIES": {"SKOR_SAAT_INI": 0.6123, "STATUS": "BERKEMBANG",
                      "TARGET_STATUS": "MAJU", "SKOR_MINIMAL": 0.7073, ...},
        "IDENTITAS": [{"nama": "Kode Desa", "value": "3304152005"},
                      {"nama": "Tahun", "value": "2024"}, ...],
        "ROW": [{"NO": "", "INDIKATOR": "IKS 2024", "SKOR": "0,7143"}, ...]}}

Numbers may use a decimal comma. IDENTITAS may also be a single object.
The desa is matched by its Kemendagri code, never by name.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cms.desa.models import DesaHomePage

from .models import IDMScore, IDMStatus


class ImportProblem(Exception):
    """A file that cannot be imported; the message says why."""


@dataclass(frozen=True)
class IDMFile:
    kode_kemendagri: str
    year: int
    score: Decimal
    iks: Decimal | None
    ike: Decimal | None
    ikl: Decimal | None
    target_status: str
    source: str


def number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ImportProblem(
            _("%(value)r is not a number.") % {"value": value}
        ) from None


def identity(data: dict) -> dict[str, str]:
    raw = data.get("IDENTITAS") or {}
    if isinstance(raw, list):
        pairs = (
            (str(item.get("nama", "")), item.get("value"))
            for item in raw
            if isinstance(item, dict)
        )
    else:
        pairs = raw.items()
    return {name.strip().lower(): str(value or "").strip() for name, value in pairs}


def kode_from(identity_fields: dict) -> str:
    for name, value in identity_fields.items():
        if "kode" in name:
            digits = re.sub(r"\D", "", value)
            if len(digits) == 10:
                return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"
    raise ImportProblem(_("No 10-digit Kemendagri desa code in IDENTITAS."))


def year_from(identity_fields: dict, summaries: dict, default: int | None) -> int:
    raw = identity_fields.get("tahun") or summaries.get("TAHUN") or default
    if raw is None or not str(raw).isdigit():
        raise ImportProblem(_("No year in the file; pass --year."))
    return int(raw)


def dimension(rows: list, summaries: dict, name: str) -> Decimal | None:
    if summaries.get(name) not in (None, ""):
        return number(summaries[name])
    for row in rows:
        if isinstance(row, dict) and str(row.get("INDIKATOR", "")).upper().startswith(
            name
        ):
            return number(row.get("SKOR"))
    return None


def target(summaries: dict) -> str:
    raw = str(summaries.get("TARGET_STATUS") or "").strip().lower().replace(" ", "_")
    return raw if raw in IDMStatus.values else ""


def parse(path: Path, default_year: int | None = None) -> IDMFile:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        data = document["mapData"]
        summaries = data["SUMMARIES"]
        rows = data.get("ROW") or []
        if not isinstance(summaries, dict) or not isinstance(rows, list):
            raise TypeError
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise ImportProblem(_("Not a Kemendesa IDM mapData file.")) from None
    fields = identity(data)
    score = number(summaries.get("SKOR_SAAT_INI"))
    if score is None or not Decimal(0) <= score <= Decimal(1):
        raise ImportProblem(_("The IDM score %(s)s is outside 0..1.") % {"s": score})
    dimensions = [dimension(rows, summaries, name) for name in ("IKS", "IKE", "IKL")]
    for value in dimensions:
        if value is not None and not Decimal(0) <= value <= Decimal(1):
            raise ImportProblem(_("An index %(v)s is outside 0..1.") % {"v": value})
    return IDMFile(
        kode_kemendagri=kode_from(fields),
        year=year_from(fields, summaries, default_year),
        score=score.quantize(Decimal("0.0001")),
        iks=dimensions[0],
        ike=dimensions[1],
        ikl=dimensions[2],
        target_status=target(summaries),
        source=f"Kemendesa IDM ({path.name})",
    )


@transaction.atomic
def save(item: IDMFile) -> str:
    """Create or update the score; returns "created", "updated" or
    "unchanged"."""
    desa = DesaHomePage.objects.filter(kode_kemendagri=item.kode_kemendagri).first()
    if desa is None:
        raise ImportProblem(
            _("No desa with Kemendagri code %(kode)s.") % {"kode": item.kode_kemendagri}
        )
    values = {
        "score": item.score,
        "iks": item.iks,
        "ike": item.ike,
        "ikl": item.ikl,
        "target_status": item.target_status,
        "source": item.source,
    }
    existing = IDMScore.objects.filter(desa=desa, year=item.year).first()
    if existing is None:
        IDMScore.objects.create(desa=desa, year=item.year, **values)
        return "created"
    if all(getattr(existing, key) == value for key, value in values.items()):
        return "unchanged"
    for key, value in values.items():
        setattr(existing, key, value)
    existing.save()
    return "updated"
