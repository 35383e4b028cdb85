"""The HTML report: a static site made from the JSON report (and the pages it names) that opens from disk."""

from .build import Written, write_html_report

__all__ = ["Written", "write_html_report"]
