"""Writers of termguard outputs: catalogs, parallel text, reports; all replaced atomically."""
