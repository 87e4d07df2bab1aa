"""Saving a workbook the safe way: refuse when Excel has it open or it is read-only, keep a backup,
write to a temporary file beside it and rename it over the original in one step."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


class SaveRefused(Exception):
    """Why the file cannot be written now (Chinese)."""


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$`` + the name (Excel drops two characters of
    long names: both forms are checked)."""
    return path.with_name("~$" + path.name)


def check_writable(path: Path) -> None:
    candidates = [lock_file(path), path.with_name("~$" + path.name[2:])]
    if any(c.exists() for c in candidates):
        raise SaveRefused(f"文件「{path.name}」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作")
    if not path.exists():
        raise SaveRefused(f"找不到文件「{path}」")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise SaveRefused(f"文件「{path.name}」或其所在文件夹是只读的，无法保存")


def backup_path(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{stamp}.bak{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{stamp}-{n}.bak{path.suffix}")
        n += 1
    return candidate


def atomic_write(path: Path, write: Callable[[Path], None], *, backup: bool = True) -> Path | None:
    """Call ``write(tmp)`` to produce the new file, then replace ``path`` with it atomically.
    Returns the backup's path. On any failure the original is untouched."""
    path = Path(path)
    check_writable(path)
    fd, name = tempfile.mkstemp(prefix=".xladdin-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        saved = None
        if backup:
            saved = backup_path(path)
            shutil.copy2(path, saved)
        os.replace(tmp, path)
        return saved
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_create(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` and put the result at ``path``, which must not exist (never replaced:
    the link fails if another process created it meanwhile). On any failure nothing is left."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise SaveRefused(f"文件「{path.name}」已存在，不会覆盖；请换一个文件名")
    if not path.parent.is_dir():
        raise SaveRefused(f"找不到文件夹「{path.parent}」")
    if not os.access(path.parent, os.W_OK):
        raise SaveRefused(f"文件夹「{path.parent}」是只读的，无法保存")
    fd, name = tempfile.mkstemp(prefix=".xladdin-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        try:
            os.link(tmp, path)  # atomic, and refuses an existing target
        except FileExistsError:
            raise SaveRefused(f"文件「{path.name}」已存在，不会覆盖；请换一个文件名") from None
        except OSError:  # file systems without hard links
            if path.exists():
                raise SaveRefused(f"文件「{path.name}」已存在，不会覆盖；请换一个文件名") from None
            os.replace(tmp, path)
        return path
    finally:
        if tmp.exists():
            tmp.unlink()
