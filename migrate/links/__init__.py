"""Links between pages: find them in a converted body, classify them, rewrite or report them.

``classify(url, index)`` is the one place that decides what a link points at (``migrate assets``
uses it too); ``resolve_page`` applies it to a page.
"""

from .classify import Entry, Index, Resolution, build_index, classify
from .resolve import Outcome, Policy, resolve_page

__all__ = ["Entry", "Index", "Outcome", "Policy", "Resolution", "build_index", "classify", "resolve_page"]
