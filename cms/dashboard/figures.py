"""The kecamatan dashboard's figures, per desa and for the kecamatan, from
published content only: development achievements per fiscal year, IDM,
publishing activity, the integration plan, and where each desa's data comes
from (sources.py).

Every figure is computed for all desa at once with a fixed number of
queries, whatever the number of desa.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from cms.core.registry import kind_item_models, kinds
from cms.core.visibility import hiding_paths, public_pages
from cms.desa.models import DesaHomePage
from cms.development.models import DevelopmentProjectPage as Project
from cms.development.models import FundingSource, Stage, stage_for

from .models import IDMScore
from .sources import Sources, sources_by_desa

STALLED_AFTER = datetime.timedelta(days=90)
SPLITS = ("pemerintah", "provinsi", "kabupaten", "swadaya")


@dataclass
class Development:
    projects: int = 0
    by_stage: dict = field(default_factory=lambda: {s.value: 0 for s in Stage})
    budget_total: int = 0
    by_source: dict = field(default_factory=lambda: {s.value: 0 for s in FundingSource})
    by_split: dict = field(default_factory=lambda: dict.fromkeys(SPLITS, 0))
    progress_sum: int = 0
    completed_in_year: int = 0
    stalled: int = 0

    @property
    def average_progress(self) -> float | None:
        return round(self.progress_sum / self.projects, 1) if self.projects else None

    def add(self, row: dict, year: int, today: datetime.date) -> None:
        self.projects += 1
        stage = stage_for(row["progress"] or 0, row["reports"])
        self.by_stage[stage] += 1
        self.budget_total += row["budget_total"]
        self.by_source[row["funding_source"]] += row["budget_total"]
        for split in SPLITS:
            self.by_split[split] += row[f"budget_{split}"]
        self.progress_sum += row["progress"] or 0
        done_on = row["done_on"]
        if stage == Stage.DONE and done_on and done_on.year == year:
            self.completed_in_year += 1
        last = row["last_report"]
        if stage != Stage.DONE and last and today - last > STALLED_AFTER:
            self.stalled += 1

    def merge(self, other: "Development") -> None:
        self.projects += other.projects
        self.budget_total += other.budget_total
        self.progress_sum += other.progress_sum
        self.completed_in_year += other.completed_in_year
        self.stalled += other.stalled
        for mine, theirs in (
            (self.by_stage, other.by_stage),
            (self.by_source, other.by_source),
            (self.by_split, other.by_split),
        ):
            for key, value in theirs.items():
                mine[key] += value


@dataclass
class IDM:
    year: int | None = None
    score: float | None = None
    status: str | None = None
    previous_year: int | None = None
    previous_score: float | None = None
    previous_status: str | None = None

    @property
    def trend(self) -> str | None:
        """naik, turun or tetap against the previous year."""
        if self.score is None or self.previous_score is None:
            return None
        if self.score > self.previous_score:
            return "naik"
        return "turun" if self.score < self.previous_score else "tetap"


@dataclass
class Activity:
    # Items published per kind (cms/core/registry.py), in tree order.
    last_30: dict = field(default_factory=lambda: dict.fromkeys(kinds(), 0))
    last_90: dict = field(default_factory=lambda: dict.fromkeys(kinds(), 0))
    last_published_at: datetime.datetime | None = None

    @property
    def total_30(self) -> int:
        return sum(self.last_30.values())


@dataclass
class DesaFigures:
    desa: DesaHomePage
    development: Development = field(default_factory=Development)
    idm: IDM = field(default_factory=IDM)
    activity: Activity = field(default_factory=Activity)
    sources: Sources = field(default_factory=Sources)

    @property
    def phase(self) -> dict:
        return integration_phase(self.desa.joined_on)


@dataclass
class Dashboard:
    year: int
    desa: list[DesaFigures]
    development: Development
    integration: dict
    idm_status_counts: dict

    @property
    def idm_scored(self) -> list[float]:
        return [item.idm.score for item in self.desa if item.idm.score is not None]

    @property
    def idm_average(self) -> float | None:
        """The mean IDM score of the desa scored this year (None if none)."""
        scores = self.idm_scored
        return round(sum(scores) / len(scores), 4) if scores else None


def integration_start() -> datetime.date:
    return datetime.date.fromisoformat(settings.INTEGRATION_START_DATE)


def integration_phase(joined_on: datetime.date | None) -> dict:
    """Which phase of the plan the desa joined in (1, 2, 3), "late", or
    "not_joined"."""
    if joined_on is None:
        return {"phase": "not_joined", "days_after_start": None}
    days = (joined_on - integration_start()).days
    for number, (limit, _target) in enumerate(settings.INTEGRATION_PLAN, start=1):
        if days <= limit:
            return {"phase": str(number), "days_after_start": days}
    return {"phase": "late", "days_after_start": days}


def integration_progress(all_desa, today: datetime.date) -> dict:
    """The plan's phases: target, desa joined by the deadline, and whether
    the target is met, missed, or still open."""
    start = integration_start()
    joined = [d.joined_on for d in all_desa if d.joined_on]
    phases = []
    for number, (limit, target) in enumerate(settings.INTEGRATION_PLAN, start=1):
        deadline = start + datetime.timedelta(days=limit)
        done = sum(1 for day in joined if day <= deadline)
        state = "met" if done >= target else ("open" if today <= deadline else "missed")
        phases.append(
            {
                "phase": str(number),
                "deadline": deadline,
                "target": target,
                "joined": done,
                "state": state,
            }
        )
    return {
        "start": start,
        "joined": len(joined),
        "desa": len(all_desa),
        "phases": phases,
    }


def project_rows(year: int, hidden: list[str]):
    return (
        public_pages(Project.objects.filter(fiscal_year=year), hidden)
        .order_by()
        .values(
            "desa_id",
            "budget_total",
            "funding_source",
            *[f"budget_{split}" for split in SPLITS],
        )
        .annotate(
            progress=Max("progress_reports__percent"),
            reports=Count("progress_reports"),
            last_report=Max("progress_reports__date"),
            done_on=Min(
                "progress_reports__date", filter=Q(progress_reports__percent__gte=100)
            ),
        )
    )


def idm_by_desa(year: int) -> dict[int, IDM]:
    scores = defaultdict(dict)
    for row in IDMScore.objects.filter(year__in=[year, year - 1]).values(
        "desa_id", "year", "score", "status"
    ):
        scores[row["desa_id"]][row["year"]] = row
    result = {}
    for desa_id, by_year in scores.items():
        current, previous = by_year.get(year), by_year.get(year - 1)
        result[desa_id] = IDM(
            year=year if current else None,
            score=float(current["score"]) if current else None,
            status=current["status"] if current else None,
            previous_year=year - 1 if previous else None,
            previous_score=float(previous["score"]) if previous else None,
            previous_status=previous["status"] if previous else None,
        )
    return result


def activity_by_desa(hidden: list[str], now: datetime.datetime) -> dict[int, Activity]:
    result: dict[int, Activity] = defaultdict(Activity)
    since_30 = now - datetime.timedelta(days=30)
    since_90 = now - datetime.timedelta(days=90)
    for key, model in kind_item_models().items():
        rows = (
            public_pages(model.objects.filter(desa__isnull=False), hidden)
            .order_by()
            .values("desa_id")
            .annotate(
                n30=Count("pk", filter=Q(first_published_at__gte=since_30)),
                n90=Count("pk", filter=Q(first_published_at__gte=since_90)),
                latest=Max("first_published_at"),
            )
        )
        for row in rows:
            activity = result[row["desa_id"]]
            activity.last_30[key] = row["n30"]
            activity.last_90[key] = row["n90"]
            latest = activity.last_published_at
            if row["latest"] and (latest is None or row["latest"] > latest):
                activity.last_published_at = row["latest"]
    return result


def years_with_figures() -> list[int]:
    """The years the dashboard can show: those with an IDM score or a
    published project, and this year; newest first. Two queries."""
    hidden = hiding_paths()
    years = set(IDMScore.objects.values_list("year", flat=True).distinct())
    years |= set(
        public_pages(Project.objects.all(), hidden)
        .order_by()
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def dashboard(year: int | None = None, desa_ids=None) -> Dashboard:
    """Figures for every public desa (or only `desa_ids`)."""
    today = timezone.localdate()
    year = year or today.year
    hidden = hiding_paths()
    all_desa = list(public_pages(DesaHomePage.objects.all(), hidden).order_by("name"))
    selected = [d for d in all_desa if desa_ids is None or d.pk in set(desa_ids)]
    figures = {desa.pk: DesaFigures(desa) for desa in selected}
    total = Development()
    for row in project_rows(year, hidden):
        if row["desa_id"] in figures:
            figures[row["desa_id"]].development.add(row, year, today)
    for desa_id, idm in idm_by_desa(year).items():
        if desa_id in figures:
            figures[desa_id].idm = idm
    for desa_id, activity in activity_by_desa(hidden, timezone.now()).items():
        if desa_id in figures:
            figures[desa_id].activity = activity
    for desa_id, sources in sources_by_desa(figures, hidden).items():
        figures[desa_id].sources = sources
    for item in figures.values():
        total.merge(item.development)
    statuses = defaultdict(int)
    for item in figures.values():
        if item.idm.status:
            statuses[item.idm.status] += 1
    return Dashboard(
        year=year,
        desa=list(figures.values()),
        development=total,
        integration=integration_progress(all_desa, today),
        idm_status_counts=dict(statuses),
    )
