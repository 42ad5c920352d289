"""Blocks → front matter, parts, chapters and scenes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from studio.importers.manuscript.blocks import Block, BlockKind
from studio.importers.manuscript.outline import OutlineChapter, OutlinePart, OutlineScene

_HEADINGS = (BlockKind.PART, BlockKind.CHAPTER, BlockKind.SCENE)


@dataclass(frozen=True)
class Assembled:
    parts: tuple[OutlinePart, ...]
    front_matter: tuple[OutlineScene, ...]
    book_title: str | None


@dataclass
class _Chapter:
    title: str
    scenes: list[OutlineScene] = field(default_factory=list)
    scene_title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    scene_prefix: str = "Scene"

    def close_scene(self) -> None:
        if self.paragraphs:
            title = self.scene_title or f"{self.scene_prefix} {len(self.scenes) + 1}"
            self.scenes.append(OutlineScene(title, "\n\n".join(self.paragraphs)))
        self.paragraphs = []
        self.scene_title = None

    def freeze(self) -> OutlineChapter:
        self.close_scene()
        return OutlineChapter(self.title, tuple(self.scenes))


@dataclass
class _Assembler:
    default_title: str
    parts: list[OutlinePart] = field(default_factory=list)
    part_title: str | None = None
    chapters: list[OutlineChapter] = field(default_factory=list)
    chapter: _Chapter | None = None
    front: _Chapter = field(default_factory=lambda: _Chapter("", scene_prefix="Front matter"))
    book_title: str | None = None

    def add(self, block: Block) -> None:
        if block.kind is BlockKind.TITLE:
            self.book_title = self.book_title or block.text
        elif block.kind is BlockKind.PART:
            self._close_part()
            self.part_title = block.text
        elif block.kind is BlockKind.CHAPTER:
            self._close_chapter()
            self.chapter = _Chapter(block.text)
        else:
            self._add_to_scene(block)

    def _add_to_scene(self, block: Block) -> None:
        chapter = self.chapter
        if chapter is None and self.part_title is None and not self.parts and not self.chapters:
            chapter = self.front
        if chapter is None:
            if block.kind is BlockKind.BREAK:
                return
            # Text (or a titled scene) under a part heading before its first chapter.
            chapter = self.chapter = _Chapter(self.part_title or self.default_title)
        if block.kind is BlockKind.TEXT:
            chapter.paragraphs.append(block.text)
            return
        chapter.close_scene()
        if block.kind is BlockKind.SCENE:
            chapter.scene_title = block.text

    def _close_chapter(self) -> None:
        if self.chapter is not None:
            self.chapters.append(self.chapter.freeze())
            self.chapter = None

    def _close_part(self) -> None:
        self._close_chapter()
        if self.chapters or self.part_title is not None:
            self.parts.append(OutlinePart(self.part_title, tuple(self.chapters)))
        self.chapters = []

    def finish(self) -> Assembled:
        self._close_part()
        front = self.front.freeze().scenes
        return Assembled(tuple(self.parts), front, self.book_title)


def assemble(blocks: Sequence[Block], default_title: str) -> Assembled:
    """Parts, chapters and scenes from blocks.

    Text before the first heading is front matter; a text without any part or chapter heading
    is one chapter (titled default_title) whose scenes are split at scene breaks.
    """
    if not any(block.kind in (BlockKind.PART, BlockKind.CHAPTER) for block in blocks):
        blocks = [Block(BlockKind.CHAPTER, default_title), *blocks]
    assembler = _Assembler(default_title)
    for block in blocks:
        assembler.add(block)
    return assembler.finish()
