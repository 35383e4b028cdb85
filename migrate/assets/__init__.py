"""Move the old site's images and attachments with the pages.

inventory (find every reference) -> classify (the old site's file, another site's image, or no
asset) -> download (once, politely, resumably; content-addressed) -> names (stable, Windows-safe)
-> rewrite (every reference to the moved file; sized images the target's way). ``mover.AssetRun``
ties them together for ``migrate assets`` and ``migrate convert --assets``.
"""

from __future__ import annotations

from .settings import AssetSettings

__all__ = ["AssetSettings"]
