"""`studio check PROJECT`: spelling (default) or continuity (--continuity) problems.

Exit 1 when anything is found, 0 when the book is clean, so it can gate a script or a CI job.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from studio.services.project import Project


def add_check_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    open_for_reading: Callable[[Path], Project],
) -> None:
    check = commands.add_parser(
        "check", help="list misspellings (or, with --continuity, continuity warnings)"
    )
    check.add_argument("project", help="a .safehouse file")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.add_argument(
        "--continuity",
        action="store_true",
        help="check continuity instead: two places at once, absent POV, thread gaps, aliases",
    )
    check.add_argument(
        "--include-dismissed", action="store_true", help="with --continuity: dismissed too"
    )
    check.set_defaults(handler=lambda args: cmd_check(args, open_for_reading))


def cmd_check(args: argparse.Namespace, open_for_reading: Callable[[Path], Project]) -> int:
    path = Path(args.project)
    with open_for_reading(path) as project:
        if args.continuity:
            return _continuity(project, path, args)
        return _spelling(project, path, args)


def _continuity(project: Project, path: Path, args: argparse.Namespace) -> int:
    from studio.services.continuity import check_continuity, format_warnings

    warnings = check_continuity(project, include_dismissed=args.include_dismissed)
    if args.json:
        for warning in warnings:
            record = {
                "check": warning.check.value,
                "message": warning.message,
                "scene_ids": list(warning.scene_ids),
                "key": warning.key,
                "dismissed": warning.dismissed,
            }
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(format_warnings(warnings, path.name))
    return 1 if warnings else 0


def _spelling(project: Project, path: Path, args: argparse.Namespace) -> int:
    from studio.services.spelling import SpellingService

    issues = SpellingService(project).check_project()
    if args.json:
        for issue in issues:
            print(json.dumps(dataclasses.asdict(issue), ensure_ascii=False))
        return 1 if issues else 0
    if not issues:
        print(f"{path.name}: no misspellings")
        return 0
    noun = "misspelling" if len(issues) == 1 else "misspellings"
    print(f"{path.name}: {len(issues)} {noun}")
    for issue in issues:
        where = (
            f"Chapter {issue.chapter_number} ({issue.chapter_title}), "
            f"scene “{issue.scene_title}”, line {issue.line}:{issue.column}"
        )
        hint = f" — try {', '.join(issue.suggestions)}" if issue.suggestions else ""
        print(f"  {where}: {issue.word}{hint}")
    return 1
