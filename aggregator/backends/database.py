"""What the PostgreSQL and SQLite engines share: the SearchRecord table,
filters, facet counting and hit building. Subclasses decide how words
match, rank and get highlighted."""

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from cms.core.registry import kind_labels
from cms.core.vocabulary import KECAMATAN

from ..documents import DesaInfo, Record
from ..models import SearchRecord
from ..query import FACETS, FacetBucket, Hit, SearchQuery, SearchResults
from .base import SearchBackend

FACET_FIELDS = {
    "desa": "desa_kode",
    "kind": "kind",
    "category": "category_slug",
    "year": "year",
}
FACET_SIZE = 30


def row_for(record: Record) -> SearchRecord:
    desa = record.desa
    names = [desa.name, *desa.aliases] if desa else []
    return SearchRecord(
        source=record.source,
        key=record.key,
        kind=record.kind,
        desa_kode=desa.kode_kemendagri if desa else "",
        desa_name=desa.name if desa else "",
        desa_slug=desa.slug if desa else "",
        desa_aliases=" ".join(desa.aliases) if desa else "",
        title=record.title[:255],
        summary=record.summary,
        body=record.body,
        category_slug=record.category_slug,
        category_name=record.category_name,
        tags=list(record.tags),
        tags_text=" ".join(record.tags),
        published=record.published,
        year=record.published.year,
        url=record.url,
        thumbnail_url=record.thumbnail_url,
        latitude=record.latitude,
        longitude=record.longitude,
        fuzzy_text=" ".join([record.title, *names, *record.tags])[:600],
    )


def stored_value(facet: str, value):
    """A facet value as the table stores it: the kecamatan's own items have
    no desa code."""
    return "" if (facet == "desa" and value == KECAMATAN) else value


UPDATED_FIELDS = [
    field.name
    for field in SearchRecord._meta.concrete_fields
    if field.name not in {"id", "source", "key"}
]


class DatabaseBackend(SearchBackend):
    """Records in the project's database."""

    name = "database"

    def index(self, records: Iterable[Record]) -> int:
        rows = [row_for(record) for record in records]
        SearchRecord.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["source", "key"],
            update_fields=UPDATED_FIELDS,
        )
        return len(rows)

    def delete(self, ids: Iterable[tuple[str, str]]) -> None:
        condition = Q(pk__in=[])
        for source, key in ids:
            condition |= Q(source=source, key=key)
        SearchRecord.objects.filter(condition).delete()

    def reset(self) -> None:
        SearchRecord.objects.all().delete()

    def count(self) -> int:
        return SearchRecord.objects.count()

    # Searching

    def search(self, query: SearchQuery) -> SearchResults:
        state: dict = {}  # per-search scratch space for subclasses
        matches = self.matches(query, state)
        if matches is None:
            return self.results(query, SearchRecord.objects.none(), [], {}, state)
        filtered = self.filtered(matches, query)
        ranked = self.ranked(filtered, query, state)
        page = list(ranked[query.offset : query.offset + query.limit])
        snippets = self.snippets(query, [row.pk for row in page])
        return self.results(query, matches, page, snippets, state)

    def matches(self, query: SearchQuery, state: dict) -> QuerySet | None:
        """Records matching the words (all records when browsing), or None
        when the words cannot match anything."""
        raise NotImplementedError

    def ranked(self, queryset: QuerySet, query: SearchQuery, state: dict):
        return queryset.order_by("-published", "-id")

    def snippets(self, query: SearchQuery, ids: list[int]) -> dict[int, str]:
        """Highlighted snippets with MARK_START/MARK_END, by record id."""
        return {}

    def filtered(
        self, queryset: QuerySet, query: SearchQuery, skip: str = ""
    ) -> QuerySet:
        """Apply every selected facet except `skip`."""
        for facet in FACETS:
            selected = query.selected(facet)
            if facet == skip or not selected:
                continue
            values = [stored_value(facet, value) for value in selected]
            queryset = queryset.filter(**{f"{FACET_FIELDS[facet]}__in": values})
        return queryset

    def facets(
        self, matches: QuerySet, query: SearchQuery
    ) -> dict[str, list[FacetBucket]]:
        """A selected facet narrows the hits and the other facets, not itself."""
        facets = {}
        for facet in FACETS:
            field = FACET_FIELDS[facet]
            counted = (
                self.filtered(matches, query, skip=facet)
                .order_by()
                .values(field)
                .annotate(n=Count("id"))
                .order_by("-n", field)[:FACET_SIZE]
            )
            facets[facet] = self.buckets(
                facet, [(row[field], row["n"]) for row in counted], query
            )
        return facets

    def buckets(self, facet: str, counts, query: SearchQuery, labels=None):
        if labels is None:
            labels = self.facet_labels(facet, [key for key, _n in counts])
        if facet == "kind":
            labels = kind_labels()
        selected = {str(value) for value in query.selected(facet)}
        buckets = []
        for key, count in counts:
            if facet == "category" and not key:
                continue  # items without a category (development projects)
            key = str(key) if key != "" else KECAMATAN
            buckets.append(
                FacetBucket(key, labels.get(key, key), count, key in selected)
            )
        return buckets

    def facet_labels(self, facet: str, keys) -> dict[str, str]:
        if facet == "kind":
            return kind_labels()
        if facet == "desa":
            names = dict(
                SearchRecord.objects.filter(desa_kode__in=keys)
                .values_list("desa_kode", "desa_name")
                .distinct()
            )
            return {**names, KECAMATAN: _("Kecamatan")}
        if facet == "category":
            return dict(
                SearchRecord.objects.filter(category_slug__in=keys)
                .values_list("category_slug", "category_name")
                .distinct()
            )
        return {}

    def known_values(self, facet: str, values: Iterable[str]) -> set[str]:
        field = FACET_FIELDS[facet]
        stored = [stored_value(facet, value) for value in values]
        held = SearchRecord.objects.filter(**{f"{field}__in": stored})
        return {
            str(value) if (facet != "desa" or value != "") else KECAMATAN
            for value in held.values_list(field, flat=True).distinct()
        }

    def known_desa(
        self, codes: Iterable[str], slugs: Iterable[str]
    ) -> set[tuple[str, str]]:
        return set(
            SearchRecord.objects.filter(
                Q(desa_kode__in=list(codes)) | Q(desa_slug__in=list(slugs))
            ).values_list("desa_kode", "desa_slug")
        )

    def results(self, query, matches, page, snippets, state) -> SearchResults:
        return SearchResults(
            total=self.filtered(matches, query).count(),
            hits=[self.hit(row, snippets.get(row.pk)) for row in page],
            facets=self.facets(matches, query),
            engine=self.name,
        )

    def hit(self, row: SearchRecord, snippet: str | None) -> Hit:
        desa = (
            DesaInfo.reference(row.desa_kode, row.desa_name, row.desa_slug)
            if row.desa_kode
            else None
        )
        return Hit(
            id=f"{row.source}:{row.key}",
            kind=row.kind,
            title=row.title,
            url=row.url,
            date=row.published,
            snippet=snippet if snippet is not None else row.summary,
            desa=desa,
            thumbnail_url=row.thumbnail_url,
            score=float(getattr(row, "score", 0) or 0),
        )
