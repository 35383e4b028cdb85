"""Validate stage: front matter against its JSON Schema, and the checks across pages, as ``migrate validate`` does.

The schemas come from the config's ``validate:`` section (``schema: FILE``, ``schemas: {glob: FILE}``),
else ``schemas/page.schema.json``. An invalid page is kept and reported; it is not written.
"""

from __future__ import annotations

from ..config import ConfigError
from ..page import Page
from ..validate import SchemaError, Schemas, check_pages, validate_page
from .base import Context, Stage


class ValidateStage(Stage):
    name = "validate"

    def __init__(self) -> None:
        self.schemas: Schemas | None = None

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        try:
            self.schemas = Schemas.from_config(ctx.config.section("validate"), ctx.config.base)
        except SchemaError as exc:
            raise ConfigError(str(exc)) from None
        check_pages(pages, ctx.target.url_for)

    def run(self, page: Page, ctx: Context) -> None:
        assert self.schemas is not None, "prepare() not called"
        try:
            page.diagnostics.extend(validate_page(page, self.schemas, page.text or None))
        except SchemaError as exc:  # a schema file found broken on first use: this page cannot be checked
            page.report("schema.unusable", "error", f"cannot validate: {exc}")
