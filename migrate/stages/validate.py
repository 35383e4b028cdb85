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
            state = ctx.options.get("output_state")
            if state is None:
                page.diagnostics.extend(validate_page(page, self.schemas, page.text or None))
                return
            # front matter found valid last run (same data, same schema files) needs no second look
            from ..incremental.memo import file_digest, key_of

            key, memo = key_of(file_digest(self.schemas.path_for(page.name)), page.meta), state.memo("valid")
            if memo.recall(key):
                return
            found = validate_page(page, self.schemas, page.text or None)
            if not found:
                memo.remember(key, True)
            page.diagnostics.extend(found)
        except SchemaError as exc:  # a schema file found broken on first use: this page cannot be checked
            page.report("schema.unusable", "error", f"cannot validate: {exc}")
