"""Close matches among the writer's own words (cast, project dictionary, genre list).

Enchant knows the language; it does not know that "Sophai" is Sophia. These candidates go before
enchant's when they are within a small edit distance of the misspelt word.
"""

from __future__ import annotations

from collections.abc import Iterable

from studio.spelling.names import fold_accents


def max_distance(word: str) -> int:
    """How far a candidate may be: one edit for short words, two for longer ones."""
    return 1 if len(word) <= 4 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _key(word: str) -> str:
    return fold_accents(word).casefold()


def close_words(word: str, groups: Iterable[Iterable[str]]) -> list[str]:
    """Candidates from groups (earlier groups win ties) within max_distance of word, nearest
    first; compared without case and accents, returned as written in the group."""
    target = _key(word)
    limit = max_distance(target)
    ranked: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for rank, group in enumerate(groups):
        for candidate in group:
            if candidate in seen or candidate == word:
                continue
            seen.add(candidate)
            distance = edit_distance(target, _key(candidate), limit)
            if distance <= limit:
                ranked.append((distance, rank, candidate))
    ranked.sort()
    return [candidate for _distance, _rank, candidate in ranked]
