"""Validate stage: front matter against its JSON Schema, and the checks across pages, as ``migrate validate`` does.

The schemas come from the config's ``validate:`` section (``schema: FILE``, ``schemas: {glob: FILE}``),
else ``schemas/page.schema.json``. An invalid page is kept and reported; the write stage skips pages with errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import ConfigError
from ..page import Page
from ..validate import SchemaError, Schemas, check_pages, validate_page

if TYPE_CHECKING:
    from ..pipeline import Context


class Stage:
    name = "validate"

    def __init__(self) -> None:
        self.schemas: Schemas | None = None
        self.problem = ""

    def prepare(self, pages: list[Page], ctx: Context) -> None:
        try:
            self.schemas = Schemas.from_config(ctx.config.section("validate"), ctx.config.base)
        except SchemaError as exc:
            raise ConfigError(str(exc)) from None
        check_pages(pages, ctx.target.url_for)

    def run(self, page: Page, ctx: Context) -> None:
        if self.schemas is None and not self.problem:
            self.prepare([], ctx)
        try:
            if self.schemas is not None:
                state = ctx.batch.get("output_state")
                if state is None:
                    page.diagnostics.extend(validate_page(page, self.schemas))
                    return
                # front matter found valid last run (same data, same schema files) needs no second look
                from ..incremental.memo import file_digest, key_of

                path = self.schemas.path_for(page.name)
                key, memo = key_of(file_digest(path), page.meta), state.memo("valid")
                if memo.recall(key):
                    return
                found = validate_page(page, self.schemas)
                if not found:
                    memo.remember(key, True)
                page.diagnostics.extend(found)
                return
        except SchemaError as exc:
            self.problem = str(exc)
        page.report("schema.unusable", "error", f"cannot validate: {self.problem}")
