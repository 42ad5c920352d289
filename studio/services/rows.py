"""Small helpers the services share: fetching a row or saying it is gone, keeping order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from studio.core.errors import NotFoundError


class Positioned(Protocol):
    id: int
    position: int


RowT = TypeVar("RowT")
PositionedT = TypeVar("PositionedT", bound=Positioned)


def get_row(session: Session, model: type[RowT], row_id: int, what: str) -> RowT:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(f"That {what} no longer exists (id {row_id}); refresh and try again.")
    return row


def place(siblings: Sequence[PositionedT], row: PositionedT, position: int | None) -> None:
    """Put row at position among siblings (clamped; None = last) and renumber them 0, 1, 2…"""
    ordered = [s for s in sorted(siblings, key=lambda s: s.position) if s.id != row.id]
    index = len(ordered) if position is None else max(0, min(position, len(ordered)))
    ordered.insert(index, row)
    for number, sibling in enumerate(ordered):
        if sibling.position != number:
            sibling.position = number


def renumber(siblings: Sequence[PositionedT]) -> None:
    for number, sibling in enumerate(sorted(siblings, key=lambda s: s.position)):
        if sibling.position != number:
            sibling.position = number
