"""The review page: a local web app where translators review and edit the catalogs.

workspace.py is the library (catalogs read, checked and written back one entry at a time, with
no web code); app.py is the Starlette application over it (pages, the JSON calls, the token,
Host and Origin checks); server.py binds 127.0.0.1 and runs it with uvicorn. Only
`termguard review` imports this package, so the other commands never load the web stack.
"""

from __future__ import annotations
