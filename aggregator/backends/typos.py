"""Typo correction ("did you mean") for the database engines.

When a search finds nothing, each word is replaced by the closest word of
the indexed titles, desa names and tags, and the search runs once more with
the corrected words; the results then carry `suggestion`. Engines differ
only in where the candidate words come from (`candidates`): pg_trgm on
PostgreSQL, the FTS5 vocabulary on SQLite. The index holds public records
only, so a suggestion never reveals a word of a draft or a private page.

The work is bounded per search, whatever the query: anyone can send one, and
only queries that find nothing get here, so random letters always do. At
most MAX_WORDS distinct words are looked up (the first ones), and words
longer than MAX_WORD_LENGTH are left as typed: no title word is that long,
and their trigrams are what makes a lookup slow. No further word is looked
up once the lookups of a search took BUDGET seconds (PostgreSQL also cancels
any one lookup after SUGGESTION_TIMEOUT).
"""

import difflib
from collections.abc import Iterable
from dataclasses import replace
from time import monotonic

from ..query import SearchQuery, SearchResults, parse

# difflib ratio a candidate needs ("kpoi"/"kopi" is 0.75, "curg"/"curug" 0.89).
CUTOFF = 0.6
# Words this short are left alone: too many words are one letter away.
MIN_LENGTH = 3
# Words longer than this are not corrected (the longest Indonesian words of
# the titles, "pemberdayaan", "kesejahteraan", have 12 to 15 letters).
MAX_WORD_LENGTH = 20
# At most this many distinct words of one query are looked up.
MAX_WORDS = 5
# No further word is looked up once the lookups of one search took this long
# (seconds). A lookup normally takes 5 to 60 ms.
BUDGET = 0.5


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to `word`, or None when none is close."""
    best = difflib.get_close_matches(word, set(candidates), n=1, cutoff=CUTOFF)
    return best[0] if best else None


class TypoCorrection:
    """Mixin for a DatabaseBackend: retries a search that found nothing
    with corrected words. Subclasses provide `candidates`."""

    def search(self, query: SearchQuery) -> SearchResults:
        results = super().search(query)
        if results.total or query.browsing:
            return results
        corrected = self.corrected(query)
        if corrected is None:
            return results
        retry = super().search(corrected)
        retry.suggestion = corrected.text
        return retry

    def corrected(self, query: SearchQuery) -> SearchQuery | None:
        """The query with misspelt words replaced, or None."""
        words = parse(query.text).words
        replacements = {}
        started = monotonic()
        for word in self.correctable(words):
            if monotonic() - started > BUDGET:
                break
            candidate = self.closest_word(word)
            if candidate and candidate != word:
                replacements[word] = candidate
        if not replacements:
            return None
        text = " ".join(replacements.get(word, word) for word in words)
        return replace(query, text=text)

    @staticmethod
    def correctable(words: list[str]) -> list[str]:
        """The words worth a lookup: distinct, MIN_LENGTH to MAX_WORD_LENGTH
        letters, the first MAX_WORDS of them."""
        unique = dict.fromkeys(
            word for word in words if MIN_LENGTH <= len(word) <= MAX_WORD_LENGTH
        )
        return list(unique)[:MAX_WORDS]

    def closest_word(self, word: str) -> str | None:
        return closest(word, self.candidates(word))

    def candidates(self, word: str) -> Iterable[str]:
        """Indexed words that may be what `word` meant."""
        raise NotImplementedError
