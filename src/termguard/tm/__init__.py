"""Translation memory: reviewed translations reused exactly or fuzzily, with or without a model.

store.py holds the SQLite memory and its lookups, keys.py how sources are compared, harvest.py
fills it from the catalogs, exchange.py imports TMX/TSV/XLIFF/.po and exports TMX, and adapt.py
turns matches into candidates for the translation pass.
"""
