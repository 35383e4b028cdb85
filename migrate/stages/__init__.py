"""One module per stage; each holds a ``Stage`` class with ``name`` and ``run(page, ctx)``."""
