"""Every consequence id once (SPEC §4.0), indexed from the declarations beside the rules in `rules/`."""

from __future__ import annotations

from .ruledsl import SEVERITY_OF_KIND, Kind
from .rules import ARTICLES

__all__ = ["CONSEQUENCES", "SEVERITY_OF_KIND", "Kind"]

CONSEQUENCES: dict[str, Kind] = {k.id: k for article in ARTICLES for k in article.consequences}
