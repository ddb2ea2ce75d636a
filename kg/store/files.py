"""Files written atomically: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError


def atomic_write(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write a file through ``write(stream)`` atomically: readers see the old file or the new,
    never half (a temp file beside it, then a rename); the folder must exist."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as e:
        raise KgError(f"cannot write here: {e.strerror or e}", where=str(target)) from e
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; what we write is meant to be shared
        os.replace(tmp, target)
    except OSError as e:  # a full disk, a quota: one line, the old file left as it was
        Path(tmp).unlink(missing_ok=True)
        raise KgError(f"could not write the file: {e.strerror or e}", where=str(target)) from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
