"""Office files are zip archives: inspect one before any library inflates it.

A .docx or .xlsx is refused when its parts would inflate beyond ``MZCHECK_MAX_UNZIPPED_MB``
or one part inflates more than ``MZCHECK_MAX_ZIP_RATIO`` times its compressed size —
judged first from the sizes the archive declares, then from the bytes actually
inflated, read in bounded chunks (a declared size can lie). Only then do python-docx
or openpyxl see the file.
"""

from __future__ import annotations

import io
import zipfile

from mzcheck.errors import InputError
from mzcheck.limits import MiB, UNZIPPED_MB, ZIP_RATIO

#: Parts smaller than this may compress as well as they like (a page of spaces).
SMALL_PART = MiB
MAX_PARTS = 10_000


def check_zip(data: bytes, name: str, kind: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(name, f"不是有效的 {kind} 文件（zip 结构损坏）") from None
    if len(parts) > MAX_PARTS:
        raise InputError(name, f"{kind} 中部件过多（{len(parts)} 个，上限 {MAX_PARTS}）")
    total, ratio = UNZIPPED_MB.value(), ZIP_RATIO.value()
    declared = sum(p.file_size for p in parts)
    if declared > total:
        raise InputError(name, UNZIPPED_MB.refusal(f"{kind} 解压后过大（声明 {declared / MiB:.0f} MB）"))
    for p in parts:
        if p.file_size > SMALL_PART and p.file_size > ratio * max(p.compress_size, 1):
            raise InputError(name, ZIP_RATIO.refusal(
                f"{kind} 的部件 {p.filename} 压缩比过高（{p.file_size // max(p.compress_size, 1)} 倍，疑为压缩炸弹）"))
    inflated = 0
    try:
        for p in parts:
            with archive.open(p) as fh:
                size = 0
                while chunk := fh.read(MiB):
                    size += len(chunk)
                    inflated += len(chunk)
                    if inflated > total:
                        raise InputError(name, UNZIPPED_MB.refusal(f"{kind} 解压后过大（实际超过 {total // MiB} MB）"))
                    if size > SMALL_PART and size > ratio * max(p.compress_size, 1):
                        raise InputError(name, ZIP_RATIO.refusal(f"{kind} 的部件 {p.filename} 压缩比过高（疑为压缩炸弹）"))
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(name, f"不是有效的 {kind} 文件（{type(exc).__name__}）") from None
