"""Candidate characters: capitalised names that recur mid-sentence, counted as people.

Rules (a writer ticks the ones that are characters, so this errs towards offering):
- a name is a run of capitalised words ("Sophia Petrova", "Kirill Ivanovich Kalnina");
- a capitalised word at the start of a sentence or of speech is counted only when the same name
  also occurs mid-sentence, so "The", "But" or "Still" are never offered;
- titles and honorifics are dropped and the name after them kept: "Mr. Darcy" → "Darcy",
  "Prince Andrew" → "Andrew"; days, months, nationalities and "I" are never names;
- a shorter name that begins exactly one longer name is the same person: a bare "Kirill"
  counts toward "Kirill Ivanovich Kalnina" (a bare surname is not folded: it may be family);
- a run of capitalised words starting a sentence keeps its first word only when that word is
  seen beginning a name mid-sentence ("Sophia Petrova" yes, "Because Sónya" → "Sónya");
- offered: names seen at least twice, at least once mid-sentence; most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from studio.importers.manuscript.outline import CastCandidate

_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][^\W\d_]*(?:['’-][^\W\d_]+)*"
_RUN = re.compile(rf"{_WORD}(?: {_WORD})*")  # a look-behind here would triple the time
_INSIDE_WORD = "-_0123456789"  # an apostrophe before a capital is a quote more often
_POSSESSIVE = re.compile(r"['’]s$")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPENING = " \t*_([“‘"
_ENDS_SENTENCE = ".!?…\n"
_QUOTES = "\"'”’"

TITLES = _word_set(
    "mr mrs ms miss dr sir madam madame lady lord prince princess count countess duke duchess "
    "king queen emperor empress captain colonel general major lieutenant sergeant doctor "
    "professor uncle aunt father mother monsieur mademoiselle mlle mme baron baroness st saint "
    "agent officer inspector detective comrade"
)
NOT_NAMES = _word_set(
    "i i'm i'll i've i'd o oh ah god monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "english french russian german austrian american british chinese italian spanish polish "
    "swedish scottish scotch irish dutch european christian christmas easter ok"
)
STOP = _word_set(
    "a an the but and or as if when then so yet for it he she they we you his her this that "
    "there here what who why how where in on at of to with from after before now still one all "
    "no not my our your their its do did have had was is be let yes well only even perhaps "
    "though although while since until once just every each some many most both either "
    "neither nor these those such again also besides meanwhile instead suddenly"
)
_NOT_FIRST = STOP | TITLES
MAX_CANDIDATES = 200


def find_candidates(paragraphs: Iterable[str]) -> tuple[CastCandidate, ...]:
    """Candidate characters in paragraphs (markup allowed), most frequent first."""
    text = "\n".join(paragraphs)
    total: Counter[tuple[str, ...]] = Counter()
    mid: Counter[tuple[str, ...]] = Counter()
    deferred: list[list[str]] = []
    names: dict[tuple[str, bool], list[tuple[tuple[str, ...], bool]]] = {}
    for match in _RUN.finditer(text):
        start, run = match.start(), match.group()
        if not run[0].isupper() or _inside_word(text, start):
            continue
        initial = _sentence_initial(text, start)
        if initial and " " in run and run.split(" ", 1)[0].lower() not in _NOT_FIRST:
            deferred.append(run.split(" "))  # "Because Sónya" or "Sophia Petrova"? See below.
            continue
        key = (run, initial)
        if key not in names:
            names[key] = _names_in_run(run.split(" "), initial)
        _add(names[key], total, mid)
    mid_first = {name[0] for name in mid}
    for words in deferred:
        if _POSSESSIVE.sub("", words[0]) in mid_first:
            _add(_names_in_run(words, True), total, mid)
        else:
            _add(_names_in_run(words[1:], False), total, mid)
    groups = _merge_short_forms(total, mid)
    offered = [
        CastCandidate(" ".join(name), count)
        for name, (count, mid_count) in groups.items()
        if count >= 2 and mid_count >= 1
    ]
    offered.sort(key=lambda c: (-c.count, c.name))
    return tuple(offered[:MAX_CANDIDATES])


def _inside_word(text: str, start: int) -> bool:
    return start > 0 and (text[start - 1].isalpha() or text[start - 1] in _INSIDE_WORD)


def _add(
    names: list[tuple[tuple[str, ...], bool]],
    total: Counter[tuple[str, ...]],
    mid: Counter[tuple[str, ...]],
) -> None:
    for name, name_initial in names:
        total[name] += 1
        if not name_initial:
            mid[name] += 1


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in _OPENING:
        if text[index] in "“‘":
            return True
        index -= 1
    if index < 0:
        return True
    char = text[index]
    if char in _QUOTES:
        before = text[index - 1] if index else "\n"
        return before.isspace() or before in _ENDS_SENTENCE  # an opening quote, or a closing one
    if char == ".":
        word_start = index
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        return text[word_start:index].lower() not in TITLES
    return char in _ENDS_SENTENCE


def _names_in_run(words: list[str], initial: bool) -> list[tuple[tuple[str, ...], bool]]:
    """The names in one run of capitalised words, each with whether it starts a sentence."""
    names: list[tuple[tuple[str, ...], bool]] = []
    current: list[str] = []
    first = 0
    for position, raw in enumerate(words):
        word = _POSSESSIVE.sub("", raw)
        lower = word.lower()
        if lower in TITLES or lower in NOT_NAMES or (initial and position == 0 and lower in STOP):
            if current:
                names.append((tuple(current), initial and first == 0))
            current = []
            continue
        if not current:
            first = position
        current.append(word)
        if word != raw:  # a possessive ends the name
            names.append((tuple(current), initial and first == 0))
            current = []
    if current:
        names.append((tuple(current), initial and first == 0))
    return names


def _merge_short_forms(
    total: Counter[tuple[str, ...]], mid: Counter[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[int, int]]:
    """Fold each name into the one longer name it begins, when there is exactly one.

    Only beginnings: a bare surname ("Bingley") is as often another member of the family.
    """
    longer: defaultdict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for name in total:
        for k in range(1, len(name)):
            longer[name[:k]].append(name)
    groups: dict[tuple[str, ...], tuple[int, int]] = {}
    for name in sorted(total, key=len, reverse=True):
        target = _only_longest(longer.get(name, []))
        key = name if target is None else _root(target, longer)
        count, mid_count = groups.get(key, (0, 0))
        groups[key] = (count + total[name], mid_count + mid[name])
    return groups


def _only_longest(names: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    distinct = set(names)
    maximal = [n for n in distinct if not any(len(o) > len(n) and _within(n, o) for o in distinct)]
    return maximal[0] if len(maximal) == 1 else None


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return long[: len(short)] == short


def _root(
    name: tuple[str, ...], longer: defaultdict[tuple[str, ...], list[tuple[str, ...]]]
) -> tuple[str, ...]:
    target = _only_longest(longer.get(name, []))
    return name if target is None else _root(target, longer)
