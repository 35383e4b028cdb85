"""Taxonomy: one clean set of tags and categories across the wiki, steered by an editable ``taxonomy.yaml``.

``normalize`` holds what a term is (its key, label and slug); ``rules`` reads the rules file;
``apply`` rewrites one page's lists; ``neardup`` finds terms that look alike; ``report`` and
``suggest`` are the outputs of ``migrate taxonomy``.
"""
