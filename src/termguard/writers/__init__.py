"""Writers of termguard's outputs: catalogs, parallel text, reports; all replace files atomically."""
