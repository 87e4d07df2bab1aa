"""Saving a workbook the safe way. A write touches only the file it was asked to write:

- refused while Excel has the file open (its ``~$`` owner file), when it is read-only, or when it is
  one of the files the caller protects (the source of an export, a file of the folder reviewed);
- a symbolic link is written through: the file it points to is replaced, the link stays;
- the new content goes to a temporary file beside the target, gets the target's permission bits,
  and is renamed over it in one step; on any failure (disk full, permission, an exception, a
  signal) the original is untouched and no temporary file stays behind (one left by a killed
  process is swept by the next save in that folder);
- an exclusive lock (``flock`` on the workbook itself) serialises writers of one workbook: a second
  writer waits up to :data:`LOCK_WAIT` seconds, then refuses with one line. :func:`locked` holds it
  around a whole read-plan-write command so no update is lost;
- the lock does not stop another program (Excel saves by renaming a new file over the old one): the
  file's size, time and SHA-256 taken when the lock was taken are checked again just before the
  rename, and a file changed meanwhile is refused in one line, with nothing written.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from xladdin.io.formats import DISK_FULL, os_reason

try:
    import fcntl
except ImportError:  # Windows: Excel's own ~$ owner file is the guard there
    fcntl = None  # type: ignore[assignment]


def _lock_wait(text: str | None) -> float | None:
    """``XLADDIN_LOCK_WAIT`` as seconds (0–3600); None when it is not such a number."""
    import math

    try:
        value = float(text if text else "10")  # unset or empty: the default
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= 3600 else None


#: Seconds a second writer of the same workbook waits for the first one (None: the variable is wrong).
LOCK_WAIT = _lock_wait(os.environ.get("XLADDIN_LOCK_WAIT"))
TEMP_PREFIX = ".xladdin-tmp-"


class SaveRefused(Exception):
    """Why the file cannot be written now (Chinese)."""


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$`` + the name (Excel drops two characters of
    long names: both forms are checked)."""
    return path.with_name("~$" + path.name)


def open_in_excel(path: Path) -> bool:
    return any(c.exists() for c in (lock_file(path), path.with_name("~$" + path.name[2:])))


def target_of(path: Path) -> Path:
    """Where a write to ``path`` lands: through symbolic links, to the real file."""
    path = Path(path)
    try:
        return path.resolve(strict=path.is_symlink()) if path.is_symlink() else path
    except (OSError, RuntimeError) as err:
        raise SaveRefused(f"「{path}」是无法解析的符号链接（{getattr(err, 'strerror', '') or '链接循环'}）") from None


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def check_writable(path: Path, *, create: bool = False, protect: tuple[Path, ...] = ()) -> None:
    path = Path(path)
    for p in (path, target_of(path)):
        if open_in_excel(p):
            raise SaveRefused(f"文件「{p.name}」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作")
    for source in protect:
        if path.exists() and same_file(path, source):
            raise SaveRefused(f"「{path}」就是要读取的原文件，不能覆盖它；请换一个输出位置")
    real = target_of(path)
    if not real.exists():
        if not create:
            raise SaveRefused(f"找不到文件「{path}」")
        if not real.parent.is_dir():
            raise SaveRefused(f"文件夹「{real.parent}」不存在")
    elif not real.is_file():
        raise SaveRefused(f"「{path}」不是普通文件（是文件夹或设备），不能写入")
    elif not os.access(real, os.W_OK) or not real.stat().st_mode & 0o222:  # read-only even to an administrator
        raise SaveRefused(f"文件「{path.name}」是只读的，无法保存")
    if not os.access(real.parent, os.W_OK | os.X_OK):
        raise SaveRefused(f"文件夹「{real.parent}」是只读的或没有写入权限，无法保存")


def unused_name(name: Callable[[int], Path]) -> Path:
    """``name(1)``, or the first of ``name(2)``, ``name(3)`` … that does not exist yet."""
    n = 1
    while (candidate := name(n)).exists():
        n += 1
    return candidate


def backup_path(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return unused_name(lambda n: path.with_name(f"{path.stem}.{stamp}{f'-{n}' if n > 1 else ''}.bak{path.suffix}"))


_HELD: dict[Path, int] = {}  # real path → depth of locked() in this process


@dataclass(frozen=True)
class Fingerprint:
    """What identifies the version of a file that was read."""

    size: int
    mtime_ns: int
    sha256: str


def _regular_or_absent(real: Path, path: Path) -> None:
    """A pipe or a device is never opened to be locked or hashed: opening a FIFO waits for a writer,
    reading /dev/zero never ends."""
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        what = "文件夹" if stat.S_ISDIR(mode) else "管道、设备或套接字"
        raise SaveRefused(f"「{Path(path).name}」不是普通文件（是{what}），不能读取或写入")


def fingerprint(path: Path) -> Fingerprint | None:
    import hashlib

    try:
        digest = hashlib.sha256()
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO: no wait for a writer
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return Fingerprint(st.st_size, st.st_mtime_ns, digest.hexdigest())


_SEEN: dict[Path, Fingerprint | None] = {}  # real path → the version seen when its lock was taken


def changed_since_read(path: Path) -> str:
    return f"「{Path(path).name}」在读取之后被另一个程序改动或替换（如 Excel 保存了它）；未写入任何内容，请重新运行"


def unchanged(path: Path) -> None:
    """Refuse (:class:`SaveRefused`) when the file at ``path`` is no longer the version seen when its
    lock was taken (size, modification time, SHA-256)."""
    real = target_of(Path(path)).absolute()
    if real in _SEEN and fingerprint(real) != _SEEN[real]:
        raise SaveRefused(changed_since_read(path))


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of the workbook at ``path`` (re-entrant in one process). A file that
    does not exist yet needs no lock (the rename is atomic)."""
    real = target_of(Path(path)).absolute()
    _regular_or_absent(real, path)
    if wait is None and LOCK_WAIT is None:
        shown = os.environ.get("XLADDIN_LOCK_WAIT", "")[:40]
        raise SaveRefused(f"环境变量 XLADDIN_LOCK_WAIT 应为 0 到 3600 之间的秒数，现为「{shown}」")
    if fcntl is None or real in _HELD or not real.exists():
        if real not in _HELD and real.exists():
            _SEEN[real] = fingerprint(real)
        _HELD[real] = _HELD.get(real, 0) + 1
        try:
            yield
        finally:
            _release(real)
        return
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            fd = os.open(real, os.O_RDONLY)
        except OSError as err:
            raise SaveRefused(f"无法打开「{path}」：{os_reason(err)}") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise SaveRefused(
                            f"文件「{Path(path).name}」正被另一个 xladdin 命令修改，请等它完成后再试"
                        ) from None
                    time.sleep(0.05)
                except OSError:  # a file system without locks (some network shares): go on unlocked
                    break
            try:
                same = os.fstat(fd).st_ino == os.stat(real).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the other writer replaced the file meanwhile: lock the new one
                continue
            _SEEN[real] = fingerprint(real)
            _HELD[real] = 1
            try:
                yield
            finally:
                _release(real)
            return
        finally:
            os.close(fd)


def _release(real: Path) -> None:
    _HELD[real] -= 1
    if not _HELD[real]:
        del _HELD[real]
        _SEEN.pop(real, None)


def _sweep(folder: Path) -> None:
    """Remove temporary files left in ``folder`` by a save that was killed (their process is gone)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]
    except OSError:
        return
    for name in names:
        try:
            pid = int(name[len(TEMP_PREFIX) :].split("-", 1)[0])
        except ValueError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _mode_for(real: Path) -> tuple[int, int | None, int | None]:
    try:
        st = real.stat()
        return stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask, None, None


def _write_through(write: Callable[[Path], object], tmp: Path) -> None:
    """``write(tmp)``; lxml reports a failed write (a full disk, a file size limit) as its own
    SerialisationError (「IO_EFBIG」): it becomes the OSError it stands for."""
    try:
        write(tmp)
    except Exception as err:
        if type(err).__name__ != "SerialisationError":
            raise
        text = str(err)
        code = errno.EFBIG if "EFBIG" in text else errno.ENOSPC if "ENOSPC" in text else errno.EIO
        raise OSError(code, os.strerror(code)) from err


def atomic_write(
    path: Path,
    write: Callable[[Path], None],
    *,
    backup: bool = True,
    create: bool = False,
    protect: tuple[Path, ...] = (),
) -> Path | None:
    """Call ``write(tmp)`` to produce the new file, then replace ``path`` (through a symbolic link:
    its target) with it atomically, keeping the permission bits. ``create``: ``path`` may be new.
    ``protect``: files that must never be replaced. Returns the backup's path. On any failure the
    original is untouched and no temporary file remains; OS errors become :class:`SaveRefused`."""
    path = Path(path)
    check_writable(path, create=create, protect=protect)
    real = target_of(path)
    folder = real.parent
    with locked(path):
        _sweep(folder)
        mode, uid, gid = _mode_for(real)
        tmp: Path | None = None
        saved: Path | None = None
        try:
            fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=real.suffix, dir=folder)
            os.close(fd)
            tmp = Path(name)
            _write_through(write, tmp)
            os.chmod(tmp, mode)
            if uid is not None and hasattr(os, "getuid") and (uid, gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.chown(tmp, uid, gid if gid is not None else -1)
            unchanged(path)  # the version read is still the one on disk
            if backup and real.exists():
                saved = backup_path(real)
                shutil.copy2(real, saved)
            os.replace(tmp, real)
            tmp = None
            if real.absolute() in _SEEN:  # a second write under the same lock starts from this one
                _SEEN[real.absolute()] = fingerprint(real)
            return saved
        except OSError as err:
            gc.collect()  # close what the failed writer left open (a half-written zip) before cleaning up
            if saved is not None:
                with contextlib.suppress(OSError):
                    saved.unlink()
            what = "磁盘空间不足" if err.errno in DISK_FULL else os_reason(err)
            raise SaveRefused(f"保存「{path.name}」失败：{what}；原文件未改动") from None
        except BaseException:
            if saved is not None:
                with contextlib.suppress(OSError):
                    saved.unlink()
            raise
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()


def atomic_create(path: Path, write: Callable[[Path], None], *, source: Path | None = None) -> Path:
    """Create ``path`` from ``write(tmp)``, atomically, and never over an existing file (import,
    rollover).

    The new file is written beside the target and linked to its name in one step: if a file of
    that name appears meanwhile, the link fails and nothing is replaced. Same guarantees as
    :func:`atomic_write`: permission bits of a new file, no temporary file left, OS errors as
    :class:`SaveRefused`. ``source``: the file the new one is made from, checked unchanged since
    its lock was taken just before the new file appears."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise SaveRefused(f"文件「{path}」已存在，不会覆盖：请换一个文件名，或先移走原文件")
    if open_in_excel(path):
        raise SaveRefused(f"文件「{path.name}」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作")
    if not path.parent.is_dir():
        raise SaveRefused(f"文件夹「{path.parent}」不存在")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise SaveRefused(f"文件夹「{path.parent}」是只读的，无法保存")
    _sweep(path.parent)
    mode, _, _ = _mode_for(path)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        os.chmod(tmp, mode)  # mkstemp makes it private; a new workbook reads like any file
        if source is not None:
            unchanged(source)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise SaveRefused(f"文件「{path}」已存在，不会覆盖：请换一个文件名，或先移走原文件") from None
        except OSError:  # no hard links on this file system (FAT, some shares)
            if path.exists():
                raise SaveRefused(f"文件「{path}」已存在，不会覆盖") from None
            os.replace(tmp, path)
            tmp = None
        return path
    except OSError as err:
        gc.collect()
        what = "磁盘空间不足" if err.errno in DISK_FULL else os_reason(err)
        raise SaveRefused(f"保存「{path.name}」失败：{what}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


write_new = atomic_create  # the name the import branch first used
