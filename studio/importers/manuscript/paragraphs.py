"""Paragraph text: hard-wrapped lines joined, _underscore_ emphasis turned into our markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

WRAPPED_WIDTH = 100  # hard-wrapped text is 60–80 columns wide
# Each pattern starts with its underscores, and looks behind them for what may not come before
# (the same as a look-behind first): a leading literal lets the search skip to each underscore.
_UNDERSCORE_BOLD = re.compile(r"__(?<![\w_]__)(?=\S)(.+?)(?<=\S)__(?![\w_])")
_UNDERSCORE_ITALIC = re.compile(r"_(?<![\w_*]_)(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")


def join_lines(lines: Sequence[str]) -> str:
    """Hard-wrapped lines as one paragraph: each line stripped, joined by single spaces."""
    if len(lines) == 1:
        return lines[0].strip()
    return " ".join(filter(None, map(str.strip, lines)))


def underscores_to_markup(text: str) -> str:
    """__bold__ → **bold**, _italic_ → *italic* (a word_with_underscores is left alone)."""
    if "_" not in text:
        return text
    text = _UNDERSCORE_BOLD.sub(r"**\1**", text)
    return _UNDERSCORE_ITALIC.sub(r"*\1*", text)


def paragraphs(lines: Sequence[str]) -> list[str]:
    """The paragraphs of a run of non-blank lines, in our markup.

    Hard-wrapped lines (all but the last at most WRAPPED_WIDTH long) are one paragraph; a run
    with longer lines was written one paragraph per line, with no blank line between.
    """
    if len(lines) > 1 and max(map(len, lines[:-1])) > WRAPPED_WIDTH:
        return [underscores_to_markup(line.strip()) for line in lines if line.strip()]
    return [underscores_to_markup(join_lines(lines))]
