"""The `conflictmap` command: the top floor, over `gazetteer`, `geo` and `maps`."""
