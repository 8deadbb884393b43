"""Writing files atomically: a temporary file beside the target, then a rename.

A failure half-way leaves the previous file (or none), never a truncated one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from mzcheck.errors import MzcheckError


def write_atomic(path: str | Path, write: Callable[[str], None]) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``path``."""
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
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; a report gets the usual mode
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> None:
    def _write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    write_atomic(path, _write)


def write_all_atomic(files: list[tuple[str, str | Iterable[str]]]) -> None:
    """Write several text files so that either all are replaced or none is.

    Every file is first written to a temporary file beside its target; only when all
    of them exist are they renamed into place.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
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
            staged.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                if isinstance(text, str):
                    fh.write(text)
                else:
                    for piece in text:
                        fh.write(piece)
            os.chmod(tmp, 0o666 & ~_umask())
        for tmp, target in staged:
            os.replace(tmp, target)
        staged = []
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
