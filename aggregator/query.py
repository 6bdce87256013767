"""A search request, its results and facet buckets, the same for every
engine; plus the user query syntax (quotes, OR, -word) parsed once for the
engines that do not speak it natively."""

import datetime
import html
import re
import shlex
from dataclasses import dataclass, field

from .sources.registry import get_source

FACETS = ("desa", "kind", "category", "year")
ORDERS = ("relevance", "newest")

# Engines wrap matches in these, and `marked` turns them into <mark> after
# escaping everything else, so a snippet is safe HTML whatever the text.
MARK_START, MARK_END = "\x02", "\x03"

# Words too common in Indonesian village writing to tell documents apart.
# They are kept in the index; a query drops them when it has other words.
STOPWORDS = frozenset(
    [
        "adalah",
        "akan",
        "atau",
        "bagi",
        "bahwa",
        "dalam",
        "dan",
        "dari",
        "dengan",
        "di",
        "ini",
        "itu",
        "juga",
        "ke",
        "kepada",
        "oleh",
        "pada",
        "para",
        "saat",
        "sebagai",
        "secara",
        "serta",
        "telah",
        "untuk",
        "yaitu",
        "yang",
    ]
)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    desa: tuple[str, ...] = ()  # Kemendagri codes; "kecamatan" for its own
    kind: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    order: str = "relevance"
    limit: int = 20
    offset: int = 0

    @property
    def browsing(self) -> bool:
        """No words: list newest first with facets."""
        return not self.text.strip()

    def selected(self, facet: str) -> tuple:
        return getattr(self, facet)


@dataclass
class FacetBucket:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    id: str
    kind: str
    title: str
    url: str
    date: datetime.date
    snippet: str
    desa: dict | None
    thumbnail_url: str = ""
    score: float = 0.0

    @property
    def external(self) -> bool:
        """From a source whose items live elsewhere (a desa's own website
        feed), not a page here."""
        source = get_source(self.id.partition(":")[0])
        return source is not None and source.external


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    engine: str = ""
    degraded: bool = False
    suggestion: str | None = None  # "did you mean", when typos were corrected
    approximate: bool = False  # total and facet counts are estimates


def marked(text: str) -> str:
    """Escape `text` as HTML, keeping only the engine's match markers as
    <mark> elements."""
    escaped = html.escape(text or "", quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@dataclass
class ParsedQuery:
    """websearch syntax: every clause must match; a clause is one or more
    alternatives (joined by OR), each a word or a quoted phrase; excluded
    words or phrases must not match."""

    clauses: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [
            word for clause in self.clauses for alt in clause for word in alt.split()
        ]


OR = "OR"  # websearch's operator, upper case only
WORD = re.compile(r"[\w']+", re.UNICODE)


def _clean(token: str) -> str:
    return " ".join(WORD.findall(token.lower()))


def parse(text: str) -> ParsedQuery:
    try:
        tokens = shlex.split(text, posix=True)
    except ValueError:  # an unbalanced quote: treat the text as words
        tokens = text.replace('"', " ").split()
    parsed = ParsedQuery()
    join_next = False
    for token in tokens:
        if token == OR:
            join_next = bool(parsed.clauses)
            continue
        if token.startswith("-") and len(token) > 1:
            cleaned = _clean(token[1:])
            if cleaned:
                parsed.excluded.append(cleaned)
            continue
        cleaned = _clean(token)
        if not cleaned:
            continue
        if join_next:
            parsed.clauses[-1].append(cleaned)
        else:
            parsed.clauses.append([cleaned])
        join_next = False
    return drop_stopwords(parsed)


def drop_stopwords(parsed: ParsedQuery) -> ParsedQuery:
    """Single stopword clauses go, unless nothing else would remain."""
    kept = [
        clause
        for clause in parsed.clauses
        if not (len(clause) == 1 and clause[0] in STOPWORDS)
    ]
    if kept:
        parsed.clauses = kept
    return parsed


def websearch_text(parsed: ParsedQuery) -> str:
    """The parsed query back in websearch syntax (for PostgreSQL)."""
    parts = [
        " OR ".join(f'"{alt}"' if " " in alt else alt for alt in clause)
        for clause in parsed.clauses
    ]
    parts += [f'-"{ex}"' if " " in ex else f"-{ex}" for ex in parsed.excluded]
    return " ".join(parts)
