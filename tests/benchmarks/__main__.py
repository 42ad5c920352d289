"""python -m tests.benchmarks: how fast Safehouse is, each figure beside a reference for the
same work measured in the same run (see tests/benchmarks/README section in the main README).

    python -m tests.benchmarks                    # all sizes, a table
    python -m tests.benchmarks --size 250k --json # one JSON object per figure per line
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.generator import SIZES
from tests.benchmarks.report import Figure, table
from tests.benchmarks.runner import FIXED_GROUPS, SIZE_GROUPS, run
from tests.benchmarks.workspace import WAR_AND_PEACE

GROUP_NAMES = [name for name, _ in (*SIZE_GROUPS, *FIXED_GROUPS)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description="Measure Safehouse against plain references on synthetic projects.",
    )
    parser.add_argument(
        "--size",
        action="append",
        choices=list(SIZES),
        help="project size to measure (repeatable; default: all of 20k, 250k and 1m)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per figure after one warm-up (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per figure per line")
    parser.add_argument(
        "--novel",
        type=Path,
        default=WAR_AND_PEACE,
        help="the novel for the import and cold-spelling figures (default: War and Peace)",
    )
    parser.add_argument(
        "--group",
        action="append",
        choices=sorted({*GROUP_NAMES}),
        help="measure only this figure group (repeatable; default: all)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not args.novel.is_file():
        parser.error(f"no novel at {args.novel}: pass one with --novel")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = args.size or list(SIZES)
    started = time.perf_counter()

    def emit(figure: Figure) -> None:
        if args.json:
            print(figure.as_json(), flush=True)

    def log(line: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.1f} s] {line}", file=sys.stderr, flush=True)

    figures = run(sizes, runs=args.runs, novel=args.novel, emit=emit, log=log, groups=args.group)
    if not args.json:
        print(table(figures))
        missed = sum(1 for f in figures if f.passed is False)
        print(
            f"\n{len(figures)} figures, {missed} missed their target; median of {args.runs} "
            f"runs after a warm-up; {time.perf_counter() - started:.0f} s in all."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
