"""The public view of a desa's population and aid figures.

Small counts are suppressed: any count of one to four people (a table's
cell, a total, a programme's participants) is shown as "< 5", so that nobody
can be singled out ("the one widow of that religion in the desa"); zero
stays 0, and every other count is rounded to the nearest multiple of 5.
Without the rounding a hidden cell would come back by subtraction: 20
residents, 18 men, so the "< 5" women are 2. Every public count is rounded
(totals too, and in every table), so that no exact total is left to subtract
from. The kecamatan's admin sees the exact figures. The database keeps the exact counts
(PopulationFigures, AidProgramme); only what leaves through here is
suppressed. The API (api/serializers.py) walks these objects.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.core.exceptions import ObjectDoesNotExist

from .models import AidTarget

SMALL = "< 5"
THRESHOLD = 5
TABLES = (
    "sex",
    "age_group",
    "religion",
    "education",
    "occupation",
    "marital_status",
    "status",
)
# OpenSID's own words for a programme's sasaran.
TARGET_SLUGS = {
    AidTarget.RESIDENT: "penduduk",
    AidTarget.FAMILY: "keluarga",
    AidTarget.HOUSEHOLD: "rumah_tangga",
    AidTarget.GROUP: "kelompok",
}


def rounded(count: int) -> int:
    """To the nearest multiple of 5 (never below 5 for a count of 5 or more)."""
    return max(THRESHOLD, THRESHOLD * round(count / THRESHOLD))


def suppressed(count: int) -> int | str:
    """`count` as the public may see it: 0, "< 5", or rounded to 5."""
    if not count:
        return 0
    return SMALL if count < THRESHOLD else rounded(count)


class Label(NamedTuple):
    slug: str
    name: str


@dataclass
class PublicPopulation:
    counted_at: datetime
    source: str
    residents: int | str
    households: int | str
    tables: dict


@dataclass
class PublicProgramme:
    name: str
    target: Label | None
    start_date: date | None
    end_date: date | None
    active: bool
    funding_source: str
    participants: int | str


def public_table(rows: list) -> list[dict]:
    return [
        {"key": row["key"], "label": row["label"], "count": suppressed(row["count"])}
        for row in rows
    ]


def public_population(desa) -> PublicPopulation | None:
    """The desa's population figures for the public, or None (select
    `population_figures` with the desa to read them without a query)."""
    try:
        figures = desa.population_figures
    except ObjectDoesNotExist:
        return None
    stored = figures.tables or {}
    return PublicPopulation(
        counted_at=figures.counted_at,
        source=figures.source,
        residents=suppressed(figures.residents),
        households=suppressed(figures.households),
        tables={name: public_table(stored.get(name, [])) for name in TABLES},
    )


def public_programme(programme) -> PublicProgramme:
    target = None
    if programme.target in TARGET_SLUGS:
        target = Label(
            TARGET_SLUGS[programme.target], str(programme.get_target_display())
        )
    return PublicProgramme(
        name=programme.name,
        target=target,
        start_date=programme.start_date,
        end_date=programme.end_date,
        active=programme.active,
        funding_source=programme.funding_source,
        participants=suppressed(programme.participants),
    )


def public_programmes(desa) -> list[PublicProgramme]:
    """The desa's aid programmes, newest first (prefetch `aid_programmes`
    to read them without a query per desa)."""
    return [public_programme(p) for p in desa.aid_programmes.all()]
