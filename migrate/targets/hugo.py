"""Hugo: ``content/posts/<slug>.md`` at ``/posts/<slug>/``; legacy URLs become redirect rules, not ``aliases``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..page import Page
from . import Target

#: keys first in this order; the rest follow as they came.
ORDER = ("title", "slug", "date", "categories", "tags", "associated_tags", "aliases", "tiki_page_id")


class Hugo(Target):
    name = "hugo"

    def front_matter(self, page: Page) -> dict[str, Any]:
        meta = page.meta
        out: dict[str, Any] = {k: meta[k] for k in ORDER if k in meta}
        out.update((k, v) for k, v in meta.items() if k not in out)
        date = out.get("date")
        if isinstance(date, str):
            out["date"] = _as_date(date)
        return out


def _as_date(text: str) -> Any:
    """ISO date or date-time text as a real date, so YAML writes it unquoted; anything else as is."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text


TARGET = Hugo()
