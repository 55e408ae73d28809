"""What residents may subscribe to. The apps that own the records register their
kinds of topic here, so this app never imports them: ``partnerships`` registers
``body`` (a public body's meetings, agendas and minutes), ``funding`` ``grants`` (the
grants in an area), ``consultations`` and ``reports`` theirs.

A topic is ``"<kind>"`` or ``"<kind>:<argument>"``; each kind says what its topics
are called (None for one that does not exist or is not public) and lists them all
for the alerts page."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TopicKind:
    name: str
    #: The heading its topics are listed under on the alerts page.
    heading: str
    #: ``describe(argument)``: the topic's label, or None when there is no such
    #: public topic. The argument is "" for a kind with a single topic.
    describe: Callable[[str], str | None]
    #: ``options()``: every topic of the kind, as (topic, label), for the alerts page.
    options: Callable[[], list[tuple[str, str]]]


_kinds: dict[str, TopicKind] = {}


def topic_register(kind: TopicKind) -> None:
    _kinds[kind.name] = kind


def topic_label(topic: str) -> str | None:
    """What ``topic`` is called, or None when nobody may subscribe to it."""
    name, _, argument = topic.partition(":")
    kind = _kinds.get(name)
    return kind.describe(argument) if kind is not None else None


def topic_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every topic, under its kind's heading, in the order the kinds registered."""
    return [(kind.heading, kind.options()) for kind in _kinds.values()]


def topic_register_single(name: str, *, heading: str, label: str) -> None:
    """A kind with one topic and no argument, e.g. ``"consultations"``."""
    topic_register(
        TopicKind(
            name=name,
            heading=heading,
            describe=lambda argument: label if argument == "" else None,
            options=lambda: [(name, label)],
        )
    )
