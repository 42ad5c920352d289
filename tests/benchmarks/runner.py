"""Running the figure groups over the chosen sizes, streaming each figure as it is measured."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from tests.benchmarks import (
    figures_import,
    figures_search,
    figures_spelling,
    figures_storage,
    figures_timeline,
    figures_window,
)
from tests.benchmarks.report import Figure
from tests.benchmarks.workspace import WAR_AND_PEACE, Workspace

SizeGroup = Callable[[Workspace, str], list[Figure]]
FixedGroup = Callable[[Workspace], list[Figure]]

SIZE_GROUPS: tuple[tuple[str, SizeGroup], ...] = (
    ("storage", figures_storage.figures),
    ("search", figures_search.figures),
    ("spelling", figures_spelling.figures),
    ("timeline", figures_timeline.figures),
    ("window", figures_window.figures),
)
FIXED_GROUPS: tuple[tuple[str, FixedGroup], ...] = (
    ("spelling", figures_spelling.fixed_figures),
    ("import", figures_import.figures),
)


def run(
    sizes: Iterable[str],
    *,
    runs: int = 5,
    novel: Path = WAR_AND_PEACE,
    emit: Callable[[Figure], None] = lambda figure: None,
    log: Callable[[str], None] = lambda line: None,
    strict: bool = False,
    groups: Iterable[str] | None = None,
) -> list[Figure]:
    """Every figure for every size (then the size-independent ones), in a fresh temp dir.

    A group that fails is reported on stderr and the run goes on (one broken feature must not
    hide the other figures), unless strict, as in the smoke test.
    """
    figures: list[Figure] = []
    only = None if groups is None else set(groups)

    def collect(label: str, measure: Callable[[], list[Figure]]) -> None:
        start = time.perf_counter()
        try:
            produced = measure()
        except Exception:
            if strict:
                raise
            print(f"benchmark group {label} failed:", file=sys.stderr)
            traceback.print_exc()
            return
        log(f"{label}: {time.perf_counter() - start:.1f} s")
        for figure in produced:
            figures.append(figure)
            emit(figure)

    with tempfile.TemporaryDirectory(prefix="safehouse-bench-") as root:
        workspace = Workspace(Path(root), runs=runs, novel=novel)
        for size in sizes:
            for name, size_group in SIZE_GROUPS:
                if only is not None and name not in only:
                    continue
                collect(f"{name} {size}", lambda g=size_group, s=size: g(workspace, s))
        for name, fixed_group in FIXED_GROUPS:
            if only is not None and name not in only:
                continue
            collect(f"{name} {novel.stem}", lambda g=fixed_group: g(workspace))
    return figures
