"""Anchored story times: which items hang on which, in what order to resolve them, and cycles.

Each item has at most one anchor, so the anchors form a forest: resolving breadth-first from a
changed item reaches every dependant after its anchor. Pure functions over the snapshot's
records; the timeline service reads and writes the rows.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from studio.core.errors import StoryTimeError, ValidationError
from studio.core.relative_time import parse_offset, shift
from studio.core.story_time import StoryTime
from studio.services.timeline_data import ItemRef


@dataclass(frozen=True)
class Node:
    """What resolution needs to know about one scene or event."""

    ref: ItemRef
    title: str
    story_time: StoryTime | None
    anchor: ItemRef | None
    offset: str | None


def dependants_of(nodes: Mapping[ItemRef, Node], roots: Iterable[ItemRef]) -> list[ItemRef]:
    """Every item hanging (directly or not) on one of roots, each after its anchor."""
    children: defaultdict[ItemRef, list[ItemRef]] = defaultdict(list)
    for node in nodes.values():
        if node.anchor is not None and node.anchor in nodes:
            children[node.anchor].append(node.ref)
    found: list[ItemRef] = []
    seen: set[ItemRef] = set()
    queue = deque(roots)
    while queue:
        for child in sorted(children.get(queue.popleft(), ())):
            if child not in seen:
                seen.add(child)
                found.append(child)
                queue.append(child)
    return found


def chain_up(nodes: Mapping[ItemRef, Node], start: ItemRef) -> list[ItemRef]:
    """start, its anchor, that one's anchor… (stops at a fixed item or a repeat)."""
    chain = [start]
    current = nodes.get(start)
    while current is not None and current.anchor is not None and current.anchor not in chain:
        chain.append(current.anchor)
        current = nodes.get(current.anchor)
    return chain


def _label(nodes: Mapping[ItemRef, Node], ref: ItemRef) -> str:
    node = nodes.get(ref)
    return f"{ref.kind} '{node.title}'" if node else str(ref)


def check_anchor(nodes: Mapping[ItemRef, Node], item: ItemRef, anchor: ItemRef) -> None:
    """ValidationError, naming the items, when anchoring item to anchor would make a circle."""
    if anchor not in nodes:
        raise ValidationError(f"That {anchor.kind} no longer exists (id {anchor.id}).")
    if anchor == item:
        raise ValidationError(
            f"{_label(nodes, item).capitalize()} cannot be placed relative to itself; "
            "choose another scene or event."
        )
    chain = chain_up(nodes, anchor)
    if item in chain:
        path = " → ".join(f"'{nodes[r].title}'" for r in chain[: chain.index(item) + 1])
        raise ValidationError(
            f"Cannot place {_label(nodes, item)} relative to {_label(nodes, anchor)}: "
            f"that {anchor.kind} already hangs on it ({path}), so they would go round in a "
            "circle. Give one of them a fixed story time instead."
        )


def resolve_one(anchor_time: StoryTime | None, offset: str | None) -> StoryTime | None:
    """The anchored item's time; None when its anchor has none (it has no time either)."""
    if anchor_time is None:
        return None
    return shift(anchor_time, parse_offset(offset or "the same time"))


def resolve(
    nodes: Mapping[ItemRef, Node], order: Iterable[ItemRef]
) -> dict[ItemRef, StoryTime | None]:
    """New times for the anchored items in order (anchors first), as far as they change.

    An offset that no longer parses (an old bundle, a hand edit) leaves that item's stored time
    alone rather than failing the whole timeline.
    """
    times = {ref: node.story_time for ref, node in nodes.items()}
    changed: dict[ItemRef, StoryTime | None] = {}
    for ref in order:
        node = nodes[ref]
        if node.anchor is None or node.anchor not in nodes:
            continue
        try:
            new = resolve_one(times[node.anchor], node.offset)
        except StoryTimeError:
            continue
        times[ref] = new
        if new != node.story_time:
            changed[ref] = new
    return changed


def resolution_order(nodes: Mapping[ItemRef, Node]) -> list[ItemRef]:
    """Every anchored item, each after its anchor (items caught in a stored cycle are left out)."""
    roots = [r for r, n in nodes.items() if n.anchor is None or n.anchor not in nodes]
    return dependants_of(nodes, roots)
