"""HTML as a browser reads it: one spec-conformant parser (justhtml) behind a small tree of our own."""
