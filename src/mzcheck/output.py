"""Writing files atomically: a temporary file beside the target, then a rename.

A failure half-way leaves the previous file (or none), never a truncated one; several
outputs of one run are replaced all together or not at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from mzcheck.errors import MzcheckError


def _temp_beside(path: str | Path) -> tuple[int, str, Path]:
    """(fd, temporary path, target): a temporary file in the target's directory."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise MzcheckError(f"{path}: 是目录，无法写入报告")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except FileNotFoundError:
        raise MzcheckError(f"{path}: 无法写入（目录 {directory} 不存在）") from None
    except PermissionError:
        raise MzcheckError(f"{path}: 无法写入（没有权限）") from None
    return fd, tmp, target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_atomic(path: str | Path, write: Callable[[str], None]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``path``."""
    fd, tmp, target = _temp_beside(path)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; a report gets the usual mode
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    write_all_atomic([(str(path), text)])


def write_all_atomic(files: list[tuple[str, str | Iterable[str]]]) -> None:
    """Write several text files so that either all are replaced or none is.

    Every file is first written (text, or pieces of text as they are rendered) to a
    temporary file beside its target; only when all of them exist are they renamed.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            fd, tmp, target = _temp_beside(path)
            staged.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                for piece in ([text] if isinstance(text, str) else text):
                    fh.write(piece)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, target in staged:
            os.replace(tmp, target)
        staged = []
    finally:
        for tmp, _ in staged:
            _discard(tmp)
