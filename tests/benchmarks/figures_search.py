"""Search figures: a word and a regular expression across the book, against the same compiled
pattern run over the whole text already in memory."""

from __future__ import annotations

from tests.benchmarks.report import Figure, Target, timed
from tests.benchmarks.timing import Step, pair
from tests.benchmarks.workspace import Workspace

SEARCH = Target(3)
WORD = "Kalmurzaeva"
REGEX = r"\b(?:safe|dead) (?:house|drop)s?\b|\bMosc\w+"


def figures(ws: Workspace, size: str) -> list[Figure]:
    from studio.services.project import open_project
    from studio.services.search import compile_pattern, find

    text = ws.book(size).text()
    results: list[Figure] = []
    with open_project(ws.project(size), read_only=True) as project:
        for name, pattern, regex in (("search word", WORD, False), ("search regex", REGEX, True)):
            compiled = compile_pattern(pattern, regex=regex)

            def ours(pattern: str = pattern, regex: bool = regex) -> int:
                return len(find(project, pattern, regex=regex))

            def reference(compiled: object = compiled) -> int:
                return len(list(compiled.finditer(text)))  # type: ignore[attr-defined]

            found, expected = ours(), reference()
            if found != expected:
                raise AssertionError(f"{name}: find() gave {found} hits, the reference {expected}")
            value, ref = pair(Step(ours), Step(reference), ws.runs)
            results.append(timed(name, size, value, ref, SEARCH, f"{found:,} hits"))
    return results
