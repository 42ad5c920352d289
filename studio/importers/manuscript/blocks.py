"""The stream every reader (text, Markdown, Word) produces and the outline is assembled from."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class BlockKind(enum.Enum):
    TEXT = "text"  # one paragraph in our markup
    BREAK = "break"  # a scene break
    PART = "part"  # a part heading; text is its title
    CHAPTER = "chapter"  # a chapter heading; text is its title
    SCENE = "scene"  # a titled scene (a third heading level); text is its title
    TITLE = "title"  # the book's own title, as a heading above everything else


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
