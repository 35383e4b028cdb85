"""The mistune internals body/mistune_patches.py and body/parser.py reach into are still there.

If one of these fails after a mistune upgrade, the patch silently stopped applying: URLs would
come out percent-encoded, or <div> would stop ending a list item. Fix the patch, then widen the
mistune pin in pyproject.toml.
"""

from __future__ import annotations

import mistune
import mistune._inline.emphasis as emphasis
import mistune.block_parser as block_parser
import mistune.helpers as helpers
import mistune.inline_parser as inline_parser
import mistune.util as util

from migrate.body import convert_body
from migrate.body.mistune_patches import PATCHED, raw_urls
from migrate.body.parser import _BLOCK_HTML_NAME_END, make_parser, parse


def test_every_patched_name_is_where_we_patch_it() -> None:
    for module, name in PATCHED:
        assert hasattr(module, name), f"mistune {mistune.__version__}: {module.__name__}.{name} is gone"
    for module in (helpers, inline_parser, block_parser):
        assert module.escape_url is util.escape_url, f"{module.__name__} no longer uses util.escape_url"
    assert emphasis._next_delimiter_run("ab*c", 0) == 2


def test_the_patches_apply_while_parsing_and_are_undone_after() -> None:
    md = make_parser()
    tokens, _ = parse(md, '[a](http://example.org/ä"b)')
    assert tokens[0]["children"][0]["attrs"]["url"] == 'http://example.org/ä"b'  # not %C3%A4%22
    with raw_urls():
        assert helpers.escape_url is not util.escape_url
    assert helpers.escape_url is util.escape_url and inline_parser.escape_url is util.escape_url


def test_the_block_html_pattern_we_edit_is_still_mistunes() -> None:
    spec = mistune.create_markdown(renderer=None).block.specification
    assert _BLOCK_HTML_NAME_END in spec["block_html"]
    # and the edit does its job: "<div>" right after a list item ends the item
    assert convert_body("- item\n<div>\nblock</div>\n", audit=False).markdown == "- item\n\nblock\n"
