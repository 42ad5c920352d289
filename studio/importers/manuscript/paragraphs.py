"""Paragraph text: hard-wrapped lines joined, _underscore_ emphasis turned into our markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

_UNDERSCORE_BOLD = re.compile(r"(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w_*])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")


def join_lines(lines: Sequence[str]) -> str:
    """Hard-wrapped lines as one paragraph: each line stripped, joined by single spaces."""
    if len(lines) == 1:
        return lines[0].strip()
    return " ".join(part for part in (line.strip() for line in lines) if part)


def underscores_to_markup(text: str) -> str:
    """__bold__ → **bold**, _italic_ → *italic* (a word_with_underscores is left alone)."""
    if "_" not in text:
        return text
    text = _UNDERSCORE_BOLD.sub(r"**\1**", text)
    return _UNDERSCORE_ITALIC.sub(r"*\1*", text)


def paragraph(lines: Sequence[str]) -> str:
    """One paragraph of source lines in our markup."""
    return underscores_to_markup(join_lines(lines))
