"""Sections that other apps add to a body's page.

The body page belongs to this app, but what a body has done lives in apps that
depend on this one (its action plans and exception reports in ``strategy``, the
grants it received in ``funding``). They register a provider here from their
``AppConfig.ready()``, so the dependency keeps pointing one way. A provider takes
the request and the body and returns a ``BodyPanel`` or ``None``; it must run a
fixed number of queries, whatever the data's size.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from .models import Body


@dataclass(frozen=True)
class BodyPanel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


Provider = Callable[[HttpRequest, Body], BodyPanel | None]
_providers: list[Provider] = []


def register_body_panel(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def body_panels(request: HttpRequest, body: Body) -> list[BodyPanel]:
    panels = [panel for provider in _providers if (panel := provider(request, body))]
    return sorted(panels, key=lambda panel: panel.order)
