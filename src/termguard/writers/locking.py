"""One writer at a time per output folder, and no temporary files left by a killed run.

Catalogs are read, merged and written back; two runs doing that at once on one folder would each
write its own merge and lose the other's entries. A run therefore holds an exclusive lock on
`FOLDER/.termguard.lock` (flock, through the filelock library) across read-merge-write; the
kernel drops the lock when a process dies, so a killed run never leaves a stale one.

SIGKILL cannot be caught, so the atomic writer's temporary files (`.NAME.XXXXXXXX.tmp`) of a killed
run are not removed by that run: the next run removes them, under the lock, before it writes.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from termguard.errors import OutputLockError, TermguardError

LOCK_NAME = ".termguard.lock"
#: How long a run waits for another run's lock by default, in seconds.
DEFAULT_WAIT = 60.0
#: The names termguard.writers.atomic gives its temporary files (tempfile.mkstemp's 8 characters).
_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


@contextmanager
def _folder_lock(folder: Path, wait: float) -> Iterator[float]:
    from filelock import FileLock, Timeout

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TermguardError(
            f"{folder}: cannot create the output folder ({exc.strerror}); choose another one"
        ) from exc
    path = folder / LOCK_NAME
    lock = FileLock(str(path), timeout=wait)
    start = time.monotonic()
    try:
        lock.acquire()
    except Timeout as exc:
        raise OutputLockError(folder, wait) from exc
    except OSError as exc:
        raise TermguardError(
            f"{path}: cannot create the lock file ({exc.strerror}); check the folder's permissions"
        ) from exc
    try:
        yield time.monotonic() - start
    finally:
        # Removed while still held: a run waiting on this file finds it unlinked once it gets
        # the lock and takes the new one instead (filelock checks st_nlink), so no lock file is
        # left in the locales folder after a run.
        try:
            path.unlink(missing_ok=True)
        finally:
            lock.release()


@contextmanager
def folder_locks(folders: Sequence[str | Path], wait: float = DEFAULT_WAIT) -> Iterator[float]:
    """Hold the lock of every folder (each once, in a fixed order); yields the seconds waited."""
    unique = sorted({Path(os.path.abspath(f)) for f in folders})
    waited = 0.0
    with ExitStack() as stack:
        for folder in unique:
            waited += stack.enter_context(_folder_lock(folder, max(0.0, wait - waited)))
        yield waited


def remove_stale_temps(folder: str | Path) -> list[Path]:
    """Remove the temporary files a killed run left under `folder`; hold its lock when calling.

    Returns the files removed.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if _TEMP.match(name):
                path = Path(dirpath) / name
                try:
                    path.unlink()
                except OSError:
                    continue
                removed.append(path)
    return sorted(removed)
