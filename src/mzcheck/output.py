"""Writing files atomically: a temporary file beside the target, then a rename.

A failure half-way leaves the previous file (or none), never a truncated one; several
outputs of one run are replaced all together or not at all.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

from mzcheck.errors import MzcheckError


_REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EROFS: "只读文件系统", errno.EACCES: "没有权限",
            errno.EPERM: "没有权限", errno.EDQUOT: "超出磁盘配额", errno.ENAMETOOLONG: "文件名过长",
            errno.ENOENT: "目录不存在", errno.EISDIR: "是目录"}


def write_error(path: str | Path, exc: OSError) -> MzcheckError:
    """One Chinese line naming why a file could not be written."""
    reason = _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return MzcheckError(f"{path}: 无法写入（{reason}）")


def check_target(path: str | Path) -> None:
    """Refuse to write a report onto anything but a regular file (or a new one): a
    device, a named pipe or a folder is never replaced. ``-`` means standard output."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise write_error(path, exc) from None
    if stat.S_ISREG(mode):
        return
    kinds = ((stat.S_ISDIR, "目录"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
             (stat.S_ISFIFO, "命名管道"), (stat.S_ISSOCK, "套接字"))
    kind = next((word for test, word in kinds if test(mode)), "特殊文件")
    raise MzcheckError(f"{path}: 是{kind}，不能写入报告（写到标准输出请用 -）")


def _temp_beside(path: str | Path) -> tuple[int, str, Path]:
    """(fd, temporary path, target): a temporary file in the target's directory."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    check_target(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise write_error(path, exc) from None
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
    except OSError as exc:
        _discard(tmp)
        raise write_error(path, exc) from None
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
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                    for piece in ([text] if isinstance(text, str) else text):
                        fh.write(piece)
                os.chmod(tmp, 0o666 & ~_umask())
            except OSError as exc:
                raise write_error(path, exc) from None
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise write_error(target, exc) from None
        staged = []
    finally:
        for tmp, _ in staged:
            _discard(tmp)
