"""ui → services → storage → core: only studio/ui and studio/app.py may import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "studio"
QT_MODULES = ("PySide6", "shiboken6")

NAMED_IN_THE_DESIGN = [
    "studio.services",
    "studio.services.project",
    "studio.export.plain_text",
    "studio.export.bundle",
    "studio.importers.bundle",
    "studio.cli",
]


def _may_use_qt(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return relative.startswith("ui/") or relative == "app.py"


def _non_ui_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _may_use_qt(path) or path.name == "__main__.py" or "migrations" in path.parts:
            continue  # __main__ runs the CLI; Alembic runs the migrations (scanned all the same)
        parts = path.relative_to(REPO).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def _qt_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"line {node.lineno}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_no_module_outside_the_ui_imports_qt() -> None:
    offenders = {
        str(path.relative_to(REPO)): imports
        for path in sorted(PACKAGE.rglob("*.py"))
        if not _may_use_qt(path) and (imports := _qt_imports(path))
    }
    assert offenders == {}


def test_the_scan_would_see_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6.QtCore import Qt\n    import shiboken6\n")
    assert _qt_imports(sample) == ["line 2: PySide6.QtCore", "line 3: shiboken6"]


def test_services_export_importers_and_cli_import_without_qt() -> None:
    modules = NAMED_IN_THE_DESIGN + [m for m in _non_ui_modules() if m not in NAMED_IN_THE_DESIGN]
    code = (
        "import importlib, sys\n"
        "for name in ('PySide6', 'shiboken6'):\n"
        "    sys.modules[name] = None  # any import of Qt now fails\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "assert not [m for m in sys.modules if m.startswith('studio.ui')]\n"
        "print('ok', len(" + repr(modules) + "))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {len(modules)}"
