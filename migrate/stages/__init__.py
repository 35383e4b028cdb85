"""The stages of ``migrate convert``, in order: one module per stage, one line each here.

``STAGES`` maps a stage's name to ``"module:Class"``; a module is imported only when its stage is
built, so a command that needs the first stages alone (``migrate redirects``) stays light. A new
stage is one module (a ``Stage`` subclass, see ``base.py``) and one line here; the runner
(``migrate.pipeline``) is not touched.
"""

from __future__ import annotations

from importlib import import_module

from .base import Context, ParallelStage, Stage

__all__ = ["STAGES", "Context", "ParallelStage", "Stage", "build"]

STAGES: dict[str, str] = {
    "validate": "migrate.stages.validate:ValidateStage",
    "route": "migrate.stages.route:RouteStage",
    "aliases": "migrate.stages.aliases:AliasesStage",
    "body": "migrate.stages.body:BodyStage",
    "taxonomy": "migrate.stages.taxonomy:TaxonomyStage",
    "link": "migrate.stages.links:LinksStage",
    "assets": "migrate.assets.stage:AssetsStage",
    "write": "migrate.stages.write:WriteStage",
    "site": "migrate.stages.site:SiteStage",
}


def build(until: str | None = None) -> list[Stage]:
    """Fresh stage objects (a stage keeps its batch state), in order, up to and including ``until``."""
    if until is not None and until not in STAGES:
        raise KeyError(f"no stage named {until!r}; stages: {', '.join(STAGES)}")
    out: list[Stage] = []
    for name, spec in STAGES.items():
        module, _, attr = spec.partition(":")
        out.append(getattr(import_module(module), attr)())
        if name == until:
            break
    return out
