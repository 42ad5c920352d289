"""The command line: `studio new|import|export|stats|check|open`. Runs without Qt installed.

Errors a user can cause print one line on stderr and exit 1; bad usage exits 2 (argparse);
a traceback means a bug in Safehouse.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studio import __version__
from studio.cli_check import add_check_parser
from studio.core.errors import OlderVersionError, SafehouseError, ValidationError
from studio.core.markup import MarkupStyle

if TYPE_CHECKING:
    from studio.services.project import Project

Handler = Callable[[argparse.Namespace], int]


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    plural = "aliases" if noun == "alias" else f"{noun}s"
    return f"{count:,} {plural}"


def cmd_new(args: argparse.Namespace) -> int:
    from studio.services.project import create_project

    path = _project_suffix(Path(args.path))
    title = args.title or path.stem.replace("-", " ").replace("_", " ").title()
    with create_project(path, title=title, author=args.author, language=args.language):
        pass
    print(f"Created {path} ({title}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.source)
    if source.is_dir():
        from studio.importers.bundle import import_bundle

        target = _project_suffix(Path(args.output or f"{source.name}.safehouse"))
        with import_bundle(source, target) as project:
            stats = project.stats()
        print(
            f"Imported {source} into {target}: {_plural(stats.chapters, 'chapter')}, "
            f"{_plural(stats.scenes, 'scene')}, {_plural(stats.words, 'word')}."
        )
        return 0
    from studio.services.manuscript_import import import_manuscript_file

    target = _project_suffix(Path(args.output or f"{source.stem}.safehouse"))
    report = import_manuscript_file(source, target, characters=args.characters)
    for line in report.lines():
        print(line)
    return 0


def _chapter_numbers(spec: str, count: int) -> set[int]:
    """The chapter numbers of a --chapters spec such as 1,3-5, each one in the book."""
    numbers: set[int] = set()
    for piece in spec.split(","):
        first, _, last = piece.strip().partition("-")
        try:
            start, end = int(first), int(last or first)
        except ValueError:
            raise ValidationError(
                f"--chapters takes numbers and ranges such as 1,3-5, not {spec!r}."
            ) from None
        if not 1 <= start <= end <= count:
            raise ValidationError(
                f"--chapters {spec}: the book has chapters 1 to {count}; "
                "give numbers and ranges among them, such as 1,3-5."
            )
        numbers.update(range(start, end + 1))
    return numbers


def _open_for_reading(path: Path) -> Project:
    """The project read-only (so it can be read while the window has it open for writing).

    A file saved by an older version is first upgraded, after a copy of it is put aside, as
    opening it in the window would do: read-only, it could not be opened at all.
    """
    from studio.services.project import open_project

    try:
        return open_project(path, read_only=True)
    except OlderVersionError:
        with open_project(path) as project:
            backup = project.backup_made
        print(
            f"studio: upgraded {path} to this version of Safehouse; the original is at {backup}.",
            file=sys.stderr,
        )
        return open_project(path, read_only=True)


def cmd_export(args: argparse.Namespace) -> int:
    project_path = Path(args.project)
    if args.format == "bundle" and args.output == "-":
        raise ValidationError("A bundle is a folder; give -o a folder name ('-' is for txt).")
    with _open_for_reading(project_path) as project:
        if args.format == "bundle":
            from studio.export.bundle import export_bundle

            folder = Path(args.output or project_path.with_name(f"{project_path.stem}-bundle"))
            export_bundle(project, folder)
            print(f"Wrote the bundle {folder}.")
            return 0
        from studio.export.plain_text import (
            PlainTextOptions,
            export_plain_text,
            render_plain_text,
        )

        chapter_ids = None
        if args.chapters:
            chapters = project.manuscript.binder().chapters()
            wanted = _chapter_numbers(args.chapters, len(chapters))
            chapter_ids = tuple(c.chapter.id for n, c in enumerate(chapters, 1) if n in wanted)
        options = PlainTextOptions(
            separator=args.separator,
            chapter_titles=not args.no_chapter_titles,
            scene_titles=args.scene_titles,
            markup=MarkupStyle(args.markup),
            quotes=args.quotes,
            line_ending=args.line_endings,
            wrap_width=args.wrap,
            chapter_ids=chapter_ids,
            synopses=args.synopses,
            notes=args.notes,
        )
        if args.output == "-":
            sys.stdout.buffer.write(render_plain_text(project, options).encode("utf-8"))
            return 0
        target = Path(args.output or project_path.with_suffix(".txt"))
        export_plain_text(project, target, options)
        print(f"Wrote {target}.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _open_for_reading(Path(args.project)) as project:
        stats = project.stats()
    if args.json:
        print(json.dumps(dataclasses.asdict(stats), ensure_ascii=False, indent=2))
        return 0
    byline = f" by {stats.author}" if stats.author else ""
    print(f"{stats.title}{byline}")
    for count, noun in (
        (stats.parts, "part"),
        (stats.chapters, "chapter"),
        (stats.scenes, "scene"),
        (stats.words, "word"),
        (stats.characters, "character"),
        (stats.locations, "location"),
        (stats.threads, "thread"),
        (stats.events, "event"),
    ):
        print(f"  {_plural(count, noun)}")
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from studio.app import run

    return run(Path(args.project) if args.project else None)


def _project_suffix(path: Path) -> Path:
    return path if path.suffix == ".safehouse" else path.with_name(path.name + ".safehouse")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studio",
        description="Safehouse, a writing studio for spy-romance fiction. "
        "With no command, opens the window on the last project.",
    )
    parser.add_argument("--version", action="version", version=f"Safehouse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="create an empty project file")
    new.add_argument("path", help="the new file, e.g. my-novel.safehouse")
    new.add_argument("--title", default="", help="the book's title (default: from the name)")
    new.add_argument("--author", default="", help="the author's name")
    new.add_argument("--language", default="en_US", help="spelling language (default en_US)")
    new.set_defaults(handler=cmd_new)

    imp = commands.add_parser(
        "import", help="make a project from a bundle folder or a .txt/.md/.docx manuscript"
    )
    imp.add_argument("source", help="a bundle folder, or a manuscript file")
    imp.add_argument("-o", "--output", help="the project file to create")
    imp.add_argument(
        "--characters",
        choices=("auto", "none"),
        default="auto",
        help="put the cast found in a manuscript into the bible (default auto)",
    )
    imp.set_defaults(handler=cmd_import)

    _add_export_parser(commands)

    stats = commands.add_parser("stats", help="count parts, chapters, scenes, words and more")
    stats.add_argument("project", help="a .safehouse file")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=cmd_stats)

    add_check_parser(commands, _open_for_reading)

    opener = commands.add_parser("open", help="open a project in the window")
    opener.add_argument("project", nargs="?", help="a .safehouse file (default: the last one)")
    opener.set_defaults(handler=cmd_open)
    return parser


def _add_export_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="write the manuscript as text or a bundle")
    export.add_argument("project", help="a .safehouse file")
    export.add_argument("--format", choices=("txt", "bundle"), default="txt")
    export.add_argument(
        "-o", "--output", help="file or folder to write (txt: '-' for standard output)"
    )
    export.add_argument("--separator", default="#", help="line between scenes (default #)")
    export.add_argument("--no-chapter-titles", action="store_true", help="number chapters only")
    export.add_argument("--scene-titles", action="store_true", help="print scene titles")
    export.add_argument(
        "--markup",
        choices=[m.value for m in MarkupStyle],
        default=MarkupStyle.UNDERSCORE.value,
        help="*emphasis* kept, as _underscores_ (default), or stripped",
    )
    export.add_argument("--quotes", choices=("keep", "straight", "curly"), default="keep")
    export.add_argument("--line-endings", choices=("lf", "crlf"), default="lf")
    export.add_argument("--wrap", type=int, metavar="WIDTH", help="hard-wrap lines at WIDTH")
    export.add_argument("--chapters", help="only these chapters, e.g. 1,3-5")
    export.add_argument("--synopses", action="store_true", help="include scene synopses")
    export.add_argument("--notes", action="store_true", help="include scene notes")
    export.set_defaults(handler=cmd_export)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from studio.app import run

            return run(None)
        return handler(args)
    except SafehouseError as error:
        print(f"studio: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("studio: interrupted.", file=sys.stderr)
        return 130
