"""What the window remembers between runs, in a small JSON file under the configuration folder.

A plain file rather than QSettings so that it can be read, diffed and reset by hand, and so that
tests point it at a temporary folder. A damaged file is set aside and the defaults are used:
settings are a convenience and must never stop the writer from reaching their book.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

MAX_RECENT = 8
THEMES = ("light", "dark")


@dataclass
class Settings:
    theme: str = "light"
    editor_font: str = ""
    editor_font_size: int = 13
    geometry: str = ""
    window_state: str = ""
    splitter_sizes: list[int] = field(default_factory=list)
    binder_shown: bool = True  # View → Show Binder
    side_panel_shown: bool = True  # View → Show Side Panel
    last_project: str = ""
    recent_projects: list[str] = field(default_factory=list)
    last_scenes: dict[str, int] = field(default_factory=dict)
    sample_installed: bool = False

    def remember_project(self, path: Path) -> None:
        """path becomes the last project and heads the recent list."""
        text = str(Path(path).resolve())
        self.last_project = text
        self.recent_projects = [text, *(p for p in self.recent_projects if p != text)][:MAX_RECENT]

    def forget_project(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.recent_projects = [p for p in self.recent_projects if p != text]
        if self.last_project == text:
            self.last_project = ""

    def last_scene(self, project_path: Path) -> int | None:
        return self.last_scenes.get(str(Path(project_path).resolve()))

    def set_last_scene(self, project_path: Path, scene_id: int) -> None:
        self.last_scenes[str(Path(project_path).resolve())] = scene_id


class SettingsStore:
    """Loads and saves Settings at one path."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError):
            self._set_aside()
            return Settings()
        return _from_dict(raw if isinstance(raw, dict) else {})

    def save(self, settings: Settings) -> None:
        """Written to a temporary file and swapped in, so a crash leaves the old file whole."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(temporary, self.path)

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(self.path.name + ".damaged"))


def _from_dict(raw: dict[str, Any]) -> Settings:
    """Settings from raw JSON, keeping only known keys of the right type."""
    defaults = Settings()
    values: dict[str, Any] = {}
    for item in fields(Settings):
        value = raw.get(item.name)
        if value is not None and isinstance(value, type(getattr(defaults, item.name))):
            values[item.name] = value
    settings = Settings(**values)
    if settings.theme not in THEMES:
        settings.theme = "light"
    settings.editor_font_size = max(8, min(settings.editor_font_size, 40))
    settings.splitter_sizes = [int(s) for s in settings.splitter_sizes if isinstance(s, int)]
    settings.recent_projects = [str(p) for p in settings.recent_projects][:MAX_RECENT]
    return settings
