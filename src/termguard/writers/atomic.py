"""Atomic file replacement: write a temporary file beside the target, then os.replace it.

Every output termguard writes goes through here, so an output that cannot be written (a folder
under a file, a read-only place, /proc, a full disk) is one OutputError naming the path, the
reason and what to do, whichever command wrote it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from termguard.errors import OutputError

_WAY_OUT = "choose another output path"


def _blocking_file(folder: Path) -> Path | None:
    """The first part of `folder` that exists but is not a folder, if any."""
    for part in (*reversed(folder.parents), folder):
        if part.exists() and not part.is_dir():
            return part
    return None


def _reason(exc: OSError, path: Path) -> str:
    """What went wrong writing `path`, in words, with the way out."""
    code = exc.errno
    if code in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, NotADirectoryError):
        blocking = _blocking_file(path.parent)
        if blocking is not None:
            return (
                f"cannot create the folder: {blocking} is a file, not a folder; "
                f"{_WAY_OUT}, or move that file away"
            )
    if code == errno.EISDIR or path.is_dir():
        return f"is a folder; give a file name inside it (e.g. {path / 'out.txt'})"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot write here (permission denied); {_WAY_OUT} in a folder you can write to"
    if code == errno.EROFS:
        return f"cannot write here (read-only file system); {_WAY_OUT}"
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full (or the quota is used up); free some space and run again"
    if code == errno.ENOENT:
        return f"cannot create a file in {path.parent} ({exc.strerror}); {_WAY_OUT}"
    if code == errno.ENAMETOOLONG:
        return f"the name is too long; {_WAY_OUT}"
    return f"cannot write ({exc.strerror or exc}); {_WAY_OUT}"


def output_error(exc: OSError, path: str | Path) -> OutputError:
    """The OutputError for an OSError met writing `path` (for writers not using write_bytes)."""
    return OutputError(_reason(exc, Path(path)), str(path))


def ensure_folder(folder: str | Path) -> Path:
    """Create `folder` (and its parents) for outputs; OutputError says why it cannot be."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocking = _blocking_file(folder)
        if blocking == folder:
            raise OutputError(f"is a file, not a folder; {_WAY_OUT}", str(folder)) from exc
        if blocking is not None:
            raise OutputError(
                f"cannot create the folder: {blocking} is a file, not a folder; "
                f"{_WAY_OUT}, or move that file away",
                str(folder),
            ) from exc
        raise OutputError(_reason(exc, folder / "x"), str(folder)) from exc
    if not folder.is_dir():
        raise OutputError(f"is a file, not a folder; {_WAY_OUT}", str(folder))
    return folder


def check_folder(folder: str | Path) -> None:
    """Refuse an output folder that cannot be made (it, or a parent, is a file), creating nothing.

    Commands call it before a long run, so the run does not end in an error it could have
    reported first.
    """
    folder = Path(folder)
    blocking = _blocking_file(folder)
    if blocking == folder:
        raise OutputError(f"is a file, not a folder; {_WAY_OUT}", str(folder))
    if blocking is not None:
        raise OutputError(
            f"cannot create the folder: {blocking} is a file, not a folder; "
            f"{_WAY_OUT}, or move that file away",
            str(folder),
        )
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write here ({existing} is not writable); {_WAY_OUT} in a folder you can "
            "write to",
            str(folder),
        )


def write_bytes(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` so that a killed run leaves either the old or the new file."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(
            _reason(IsADirectoryError(errno.EISDIR, "Is a directory"), path), str(path)
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(_reason(exc, path), str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(_reason(exc, path), str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: str | Path, text: str) -> None:
    """Atomically replace `path` with UTF-8 `text`."""
    write_bytes(path, text.encode("utf-8"))
