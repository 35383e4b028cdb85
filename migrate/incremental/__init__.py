"""Re-running safely: what a run wrote (the manifest), what it can reuse (the cache), portable names.

Everything lives in ``OUTPUT/.migrate/`` (a dot folder: Hugo does not publish the site root's other
folders and Jekyll skips dot folders), so a CMS never publishes it:

- ``manifest.json``: every output file we wrote, with the SHA-256 of the bytes we wrote and the source
  page; ``journal``: one line per file written since the manifest was saved, so a killed run still
  knows which files are its own;
- ``cache/<key>.json``: the body stage's result per page, keyed by the hash of the body, the body
  config, the target, the audit flag and the tool's own code, and valid only while the wiki-link
  titles the page asked for still resolve the same;
- ``records.jsonl``: per source, its stat and hashes and what the run made of it, so the next run
  replays an unchanged page without reading it (:mod:`migrate.incremental.replay`); the bulk of each
  record (diagnostics, redirect rules, report entry) is in ``records-<generation>.store``, appended to
  and read by span (:mod:`migrate.incremental.store`), and the batch's link index in ``links.txt``;
- ``tmp/``: temporary files (written, then renamed into place), emptied at the start of every run;
- ``new/``: what we would have written over a hand-edited file, for ``diff -u``.
"""
