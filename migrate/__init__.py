"""migrate: move a legacy wiki into a new CMS without losing a word, a link or a URL."""

__version__ = "0.1.0"
