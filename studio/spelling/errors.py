"""The spelling error a writer can see.

It lives here rather than in studio.core.errors because that module belongs to another part of
the tree; it derives from SafehouseError, so callers that catch every Safehouse error catch it.
"""

from __future__ import annotations

from studio.core.errors import SafehouseError

ENCHANT_PACKAGES = "libenchant-2-2 hunspell-en-us"


class SpellingUnavailableError(SafehouseError):
    """The enchant library, a dictionary or a shipped word list cannot be used."""


def dictionary_package(language: str) -> str:
    """The Debian/Ubuntu package that ships Hunspell's dictionary for a language tag."""
    return "hunspell-" + language.lower().replace("_", "-")


def missing_library(reason: object) -> SpellingUnavailableError:
    return SpellingUnavailableError(
        f"Spell checking is off: the enchant library cannot be loaded ({reason}). "
        f"Install it with `apt-get install -y {ENCHANT_PACKAGES}` and restart Safehouse."
    )


def missing_dictionary(language: str, available: list[str]) -> SpellingUnavailableError:
    have = ", ".join(available) if available else "none"
    return SpellingUnavailableError(
        f"Spell checking is off: no dictionary for {language!r} is installed "
        f"(installed: {have}). Install it with `apt-get install -y {dictionary_package(language)}` "
        "or choose another language in the project settings."
    )
