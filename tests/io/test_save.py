"""xladdin/io/save.py piece by piece on tiny files: each refusal's exact line, the owner-file names,
backup names, the lock (held, re-entrant, refused after the wait), the sweep of dead writers' temporary
files, permission bits and owner kept, and what a failed write leaves (nothing)."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from datetime import datetime
from pathlib import Path

import pytest

from xladdin.io import save
from xladdin.io.save import SaveRefused, atomic_create, atomic_write, check_writable


def refusal(fn, *args, **kwargs) -> str:
    with pytest.raises(SaveRefused) as err:
        fn(*args, **kwargs)
    return str(err.value)


@pytest.fixture()
def book(tmp_path) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")
    return path


LIVE, DEAD = 424242, 434343  # pids as the fake os.kill below sees them


@pytest.fixture(autouse=True)
def signals(monkeypatch) -> list[tuple[int, int]]:
    """os.kill replaced: LIVE runs, every other pid is gone. No test here signals a real process
    (a mutated signal number must not reach the test runner or its parent)."""
    sent: list[tuple[int, int]] = []

    def kill(pid, sig):
        sent.append((pid, sig))
        if pid != LIVE:
            raise ProcessLookupError(3, "No such process")

    monkeypatch.setattr(save.os, "kill", kill)
    return sent


# --- names ------------------------------------------------------------------------------------------


def test_owner_file_names(tmp_path):
    assert save.lock_file(tmp_path / "book.xlsm") == tmp_path / "~$book.xlsm"
    path = tmp_path / "book.xlsm"
    assert not save.open_in_excel(path)
    (tmp_path / "~$ok.xlsm").write_bytes(b"")  # Excel drops the first two characters of a long name
    assert save.open_in_excel(path)
    (tmp_path / "~$ok.xlsm").unlink()
    (tmp_path / "~$book.xlsm").write_bytes(b"")
    assert save.open_in_excel(path)


def test_unused_name(tmp_path):
    def name(n):
        return tmp_path / f"f{n}"

    assert save.unused_name(name) == tmp_path / "f1"
    (tmp_path / "f1").write_bytes(b"")
    (tmp_path / "f2").write_bytes(b"")
    assert save.unused_name(name) == tmp_path / "f3"


def test_backup_path(monkeypatch, tmp_path):
    class Clock:
        @staticmethod
        def now():
            return datetime(2026, 11, 25, 9, 5, 7)

    monkeypatch.setattr(save, "datetime", Clock)
    path = tmp_path / "附表.xlsm"
    assert save.backup_path(path) == tmp_path / "附表.20261125-090507.bak.xlsm"
    (tmp_path / "附表.20261125-090507.bak.xlsm").write_bytes(b"")
    assert save.backup_path(path) == tmp_path / "附表.20261125-090507-2.bak.xlsm"


# --- target_of / same_file --------------------------------------------------------------------------


def test_target_of(tmp_path, book):
    assert save.target_of(book) == book
    assert save.target_of(str(book)) == book
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    assert save.target_of(link) == book.resolve()
    assert save.target_of(tmp_path / "new.xlsx") == tmp_path / "new.xlsx"  # not there yet: itself
    dangling = tmp_path / "dangling.xlsx"
    dangling.symlink_to(tmp_path / "gone.xlsx")
    assert refusal(save.target_of, dangling) == f"「{dangling}」是无法解析的符号链接（No such file or directory）"
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    assert refusal(save.target_of, loop) in (
        f"「{loop}」是无法解析的符号链接（链接循环）",
        f"「{loop}」是无法解析的符号链接（Too many levels of symbolic links）",
    )


def test_same_file(tmp_path, book):
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    assert save.same_file(book, link)
    assert not save.same_file(book, tmp_path / "other.xlsx")
    assert save.same_file(tmp_path / "a" / ".." / "n.xlsx", tmp_path / "n.xlsx")  # neither exists
    assert not save.same_file(tmp_path / "n.xlsx", tmp_path / "m.xlsx")


# --- check_writable ---------------------------------------------------------------------------------


def test_check_writable_refusals(tmp_path, book, monkeypatch):
    check_writable(book)  # fine
    (tmp_path / "~$book.xlsx").write_bytes(b"")
    assert refusal(check_writable, book) == "文件「book.xlsx」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作"
    (tmp_path / "~$book.xlsx").unlink()
    # through a link: the target's owner file counts, named by the target
    real = tmp_path / "real" / "目标.xlsx"
    real.parent.mkdir()
    real.write_bytes(b"")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    (real.parent / "~$目标.xlsx").write_bytes(b"")
    assert refusal(check_writable, link) == "文件「目标.xlsx」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作"
    (real.parent / "~$目标.xlsx").unlink()

    other = tmp_path / "other.xlsx"
    other.write_bytes(b"")
    check_writable(book, protect=(other,))
    assert (
        refusal(check_writable, link, protect=(other, real))
        == f"「{link}」就是要读取的原文件，不能覆盖它；请换一个输出位置"
    )
    check_writable(tmp_path / "new.xlsx", create=True, protect=(book,))  # not there: nothing to protect

    assert refusal(check_writable, tmp_path / "new.xlsx") == f"找不到文件「{tmp_path / 'new.xlsx'}」"
    assert refusal(check_writable, tmp_path / "no" / "new.xlsx", create=True) == f"文件夹「{tmp_path / 'no'}」不存在"
    assert (
        refusal(check_writable, tmp_path / "real") == f"「{tmp_path / 'real'}」不是普通文件（是文件夹或设备），不能写入"
    )

    real_access = os.access
    monkeypatch.setattr(
        save.os, "access", lambda p, mode: not (Path(p) == book and mode == os.W_OK) and real_access(p, mode)
    )
    assert refusal(check_writable, book) == "文件「book.xlsx」是只读的，无法保存"
    monkeypatch.setattr(save.os, "access", lambda p, mode: not (Path(p) == tmp_path and mode == os.W_OK | os.X_OK))
    assert refusal(check_writable, book) == f"文件夹「{tmp_path}」是只读的或没有写入权限，无法保存"
    assert (
        refusal(check_writable, tmp_path / "n.xlsx", create=True)
        == f"文件夹「{tmp_path}」是只读的或没有写入权限，无法保存"
    )


# --- locked -----------------------------------------------------------------------------------------


def test_locked_holds_the_files_lock(book):
    real = book.absolute()
    with save.locked(book):
        assert save._HELD[real] == 1
        fd = os.open(book, os.O_RDONLY)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)
        with save.locked(book):  # re-entrant
            assert save._HELD[real] == 2
        assert save._HELD[real] == 1
    assert real not in save._HELD
    fd = os.open(book, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released
    finally:
        os.close(fd)


def test_locked_on_a_new_file_needs_no_lock(tmp_path):
    new = tmp_path / "new.xlsx"
    with save.locked(new):
        assert save._HELD[new.absolute()] == 1
    assert new.absolute() not in save._HELD


def test_locked_waits_then_refuses(book, monkeypatch):
    naps = []
    real_sleep = time.sleep
    monkeypatch.setattr(save.time, "sleep", lambda s: naps.append(s) or real_sleep(s))
    fd = os.open(book, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        start = time.monotonic()
        with pytest.raises(SaveRefused) as err, save.locked(book, wait=0.3):
            pass
        elapsed = time.monotonic() - start
    finally:
        os.close(fd)
    assert str(err.value) == "文件「book.xlsx」正被另一个 xladdin 命令修改，请等它完成后再试"
    assert 0.3 <= elapsed < 3
    assert naps and set(naps) == {0.05}  # polls every 50 ms
    assert book.absolute() not in save._HELD


def test_locked_default_wait(book, monkeypatch):
    monkeypatch.setattr(save, "LOCK_WAIT", 0.2)
    fd = os.open(book, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        start = time.monotonic()
        with pytest.raises(SaveRefused), save.locked(book):
            pass
        assert 0.2 <= time.monotonic() - start < 3
    finally:
        os.close(fd)


def test_locked_cannot_open(book, monkeypatch):
    def denied(path, flags):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(save.os, "open", denied)
    with pytest.raises(SaveRefused) as err, save.locked(book):
        pass
    assert str(err.value) == f"无法打开「{book}」：没有访问权限"


def test_locked_without_lock_support_goes_on(book, monkeypatch):
    def nolock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(save.fcntl, "flock", nolock)
    ran = []
    with save.locked(book):
        ran.append(save._HELD[book.absolute()])
    assert ran == [1]
    assert book.absolute() not in save._HELD


@pytest.mark.parametrize("how", ["gone", "other inode"])
def test_locked_follows_a_file_replaced_while_waiting(book, monkeypatch, how):
    real_stat, real_open = os.stat, os.open
    calls = {"stat": 0, "open": 0}

    def fake_stat(path, *a, **k):
        st = real_stat(path, *a, **k)
        if Path(path) == book.absolute() and not k:  # locked's own look (pathlib passes follow_symlinks)
            calls["stat"] += 1
            if calls["stat"] == 1:  # the first look: the other writer's rename just happened
                if how == "gone":
                    raise FileNotFoundError(errno.ENOENT, "gone")
                return os.stat_result((st.st_mode, st.st_ino + 1, *tuple(st)[2:]))
        return st

    def counting_open(path, flags, *a):
        calls["open"] += 1
        return real_open(path, flags, *a)

    monkeypatch.setattr(save.os, "stat", fake_stat)
    monkeypatch.setattr(save.os, "open", counting_open)
    with save.locked(book):
        held = save._HELD[book.absolute()]
    assert (held, calls["open"], calls["stat"]) == (1, 2, 2)


def test_lock_wait_default():
    assert float(os.environ.get("XLADDIN_LOCK_WAIT", "10")) == save.LOCK_WAIT
    assert save.TEMP_PREFIX == ".xladdin-tmp-"


# --- sweep / alive / mode ---------------------------------------------------------------------------


def test_sweep_removes_only_dead_writers_temp_files(tmp_path, signals):
    dead = DEAD
    names = [
        f".xladdin-tmp-{dead}-abc.xlsx",  # removed
        f".xladdin-tmp-{os.getpid()}-abc.xlsx",  # this process: a save in progress
        f".xladdin-tmp-{LIVE}-abc.xlsx",  # a live process
        ".xladdin-tmp-xyz-abc.xlsx",  # no pid
        f"book{dead}.xlsx",
        f"x.xladdin-tmp-{dead}-a.xlsx",
    ]
    for n in names:
        (tmp_path / n).write_bytes(b"")
    save._sweep(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])
    assert sorted(signals) == [(LIVE, 0), (DEAD, 0)]  # this process's own file is not even asked about
    save._sweep(tmp_path / "missing")  # no folder: nothing happens


def test_alive(monkeypatch, signals):
    assert save._alive(LIVE)
    assert not save._alive(DEAD)
    assert signals == [(LIVE, 0), (DEAD, 0)]  # signal 0: only asks whether the process exists

    def eperm(pid, sig):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(save.os, "kill", eperm)
    assert save._alive(12345)

    class NtOs:
        name = "nt"

        def kill(self, pid, sig):
            raise AssertionError("os.kill(pid, 0) would end the process on Windows")

    monkeypatch.setattr(save, "os", NtOs())
    assert save._alive(4_000_050)  # assumed running: never signalled


@pytest.fixture()
def as_root() -> None:
    """Giving a file to another owner needs root: CI runs as root (it installs Debian packages), so
    there the test must run; elsewhere it is skipped with the reason."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("this test gives a file to another owner and needs root, as CI runs")
        pytest.skip("giving a file away needs root")


def test_mode_for(tmp_path, book, as_root):
    book.chmod(0o640)
    os.chown(book, 1234, 5678)
    assert save._mode_for(book) == (0o640, 1234, 5678)
    umask = os.umask(0o027)
    try:
        assert save._mode_for(tmp_path / "new.xlsx") == (0o640, None, None)
        assert os.umask(0o027) == 0o027  # the umask is put back
    finally:
        os.umask(umask)


# --- atomic_write -----------------------------------------------------------------------------------


def writer(data: bytes, seen: list | None = None):
    def write(tmp: Path) -> None:
        if seen is not None:
            seen.append(tmp)
        tmp.write_bytes(data)

    return write


def test_atomic_write_replaces_and_keeps_a_backup(tmp_path, book, monkeypatch, as_root):
    class Clock:
        @staticmethod
        def now():
            return datetime(2026, 1, 2, 3, 4, 5)

    monkeypatch.setattr(save, "datetime", Clock)
    book.chmod(0o604)
    os.chown(book, 1234, 5678)
    seen: list[Path] = []
    backup = atomic_write(book, writer(b"new", seen))
    assert backup == tmp_path / "book.20260102-030405.bak.xlsx"
    assert backup.read_bytes() == b"old" and book.read_bytes() == b"new"
    (tmp,) = seen
    assert tmp.parent == tmp_path and tmp.name.startswith(f".xladdin-tmp-{os.getpid()}-") and tmp.suffix == ".xlsx"
    st = book.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o604, 1234, 5678)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.20260102-030405.bak.xlsx", "book.xlsx"]
    assert book.absolute() not in save._HELD


def test_atomic_write_keeps_the_owner_when_only_the_group_differs(tmp_path, book, as_root):
    os.chown(book, os.getuid(), 5678)
    atomic_write(book, writer(b"new"), backup=False)
    assert (book.stat().st_uid, book.stat().st_gid) == (os.getuid(), 5678)


def test_atomic_write_keeps_mode_and_backup_as_any_user(tmp_path, book):
    book.chmod(0o604)
    backup = atomic_write(book, writer(b"new"))
    assert backup.read_bytes() == b"old" and book.read_bytes() == b"new"
    assert stat.S_IMODE(book.stat().st_mode) == 0o604
    assert backup.name.startswith("book.") and backup.name.endswith(".bak.xlsx")
    umask = os.umask(0o027)
    try:
        assert save._mode_for(tmp_path / "new.xlsx") == (0o640, None, None)
    finally:
        os.umask(umask)


def test_atomic_write_without_backup_and_new_file(tmp_path, book):
    assert atomic_write(book, writer(b"new"), backup=False) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
    new = tmp_path / "new.xlsx"
    assert atomic_write(new, writer(b"x"), create=True) is None
    assert new.read_bytes() == b"x"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    assert refusal(atomic_write, tmp_path / "n2.xlsx", writer(b"x")) == f"找不到文件「{tmp_path / 'n2.xlsx'}」"


def test_atomic_write_through_a_link(tmp_path, book):
    link = tmp_path / "sub" / "link.xlsx"
    link.parent.mkdir()
    link.symlink_to(book)
    seen: list[Path] = []
    backup = atomic_write(link, writer(b"new", seen))
    assert link.is_symlink() and book.read_bytes() == b"new"
    assert seen[0].parent == tmp_path  # the temporary file beside the real file
    assert backup.parent == tmp_path and backup.read_bytes() == b"old"


def test_atomic_write_sweeps_the_folder(tmp_path, book):
    stale = tmp_path / f".xladdin-tmp-{DEAD}-x.xlsx"
    stale.write_bytes(b"")
    atomic_write(book, writer(b"new"), backup=False)
    assert not stale.exists()


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (PermissionError(errno.EACCES, "x"), "没有访问权限"),
    ],
)
def test_atomic_write_failure_leaves_nothing(tmp_path, book, error, reason):
    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise error

    assert refusal(atomic_write, book, fail) == f"保存「book.xlsx」失败：{reason}；原文件未改动"
    assert book.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_atomic_write_failure_after_the_backup_removes_it(tmp_path, book, monkeypatch):
    def no_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(save.os, "replace", no_replace)
    assert refusal(atomic_write, book, writer(b"new")) == "保存「book.xlsx」失败：磁盘读写错误；原文件未改动"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
    assert book.read_bytes() == b"old"


def test_atomic_write_exception_propagates_and_cleans_up(tmp_path, book, monkeypatch):
    def no_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(save.os, "replace", no_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(book, writer(b"new"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]

    def bad(tmp):
        raise ValueError("bad")

    with pytest.raises(ValueError):
        atomic_write(book, bad)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]
    assert book.absolute() not in save._HELD


def test_atomic_write_refusals_come_first(tmp_path, book):
    (tmp_path / "~$book.xlsx").write_bytes(b"")
    called = []
    assert "正在 Excel 中打开" in refusal(atomic_write, book, called.append)
    assert called == []


def test_atomic_write_protects_the_source(tmp_path, book):
    assert (
        refusal(atomic_write, book, writer(b"x"), protect=(book,))
        == f"「{book}」就是要读取的原文件，不能覆盖它；请换一个输出位置"
    )


# --- atomic_create ----------------------------------------------------------------------------------


def test_atomic_create(tmp_path):
    new = tmp_path / "new.xlsx"
    seen: list[Path] = []
    umask = os.umask(0o002)
    try:
        assert atomic_create(new, writer(b"x", seen)) == new
    finally:
        os.umask(umask)
    assert new.read_bytes() == b"x"
    assert stat.S_IMODE(new.stat().st_mode) == 0o664
    assert seen[0].name.startswith(f".xladdin-tmp-{os.getpid()}-") and seen[0].suffix == ".xlsx"
    assert seen[0].parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.xlsx"]
    assert save.write_new is atomic_create


def test_atomic_create_refusals(tmp_path, book, monkeypatch):
    assert (
        refusal(atomic_create, book, writer(b"x")) == f"文件「{book}」已存在，不会覆盖：请换一个文件名，或先移走原文件"
    )
    dangling = tmp_path / "d.xlsx"
    dangling.symlink_to(tmp_path / "gone.xlsx")
    assert (
        refusal(atomic_create, dangling, writer(b"x"))
        == f"文件「{dangling}」已存在，不会覆盖：请换一个文件名，或先移走原文件"
    )
    (tmp_path / "~$new.xlsx").write_bytes(b"")
    assert refusal(atomic_create, tmp_path / "new.xlsx", writer(b"x")) == (
        "文件「new.xlsx」正在 Excel 中打开（发现锁文件 ~$），请先关闭再操作"
    )
    assert refusal(atomic_create, tmp_path / "no" / "n.xlsx", writer(b"x")) == f"文件夹「{tmp_path / 'no'}」不存在"
    monkeypatch.setattr(save.os, "access", lambda p, mode: not (Path(p) == tmp_path and mode == os.W_OK | os.X_OK))
    assert refusal(atomic_create, tmp_path / "n.xlsx", writer(b"x")) == f"文件夹「{tmp_path}」是只读的，无法保存"
    assert not (tmp_path / "n.xlsx").exists()


def test_atomic_create_never_replaces_a_file_that_appears(tmp_path):
    new = tmp_path / "new.xlsx"

    def racing(tmp: Path) -> None:
        tmp.write_bytes(b"mine")
        new.write_bytes(b"theirs")

    assert refusal(atomic_create, new, racing) == f"文件「{new}」已存在，不会覆盖：请换一个文件名，或先移走原文件"
    assert new.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.xlsx"]


def test_atomic_create_without_hard_links(tmp_path, monkeypatch):
    def nolink(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(save.os, "link", nolink)
    new = tmp_path / "new.xlsx"
    assert atomic_create(new, writer(b"x")) == new
    assert new.read_bytes() == b"x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.xlsx"]

    other = tmp_path / "other.xlsx"

    def racing(tmp: Path) -> None:
        tmp.write_bytes(b"mine")
        other.write_bytes(b"theirs")

    assert refusal(atomic_create, other, racing) == f"文件「{other}」已存在，不会覆盖"
    assert other.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.xlsx", "other.xlsx"]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "磁盘空间不足"),
        (OSError(errno.EROFS, "Read-only"), "磁盘是只读的"),
    ],
)
def test_atomic_create_failure(tmp_path, error, reason):
    def fail(tmp: Path) -> None:
        raise error

    new = tmp_path / "new.xlsx"
    assert refusal(atomic_create, new, fail) == f"保存「new.xlsx」失败：{reason}"
    assert list(tmp_path.iterdir()) == []


def test_atomic_create_sweeps(tmp_path):
    stale = tmp_path / f".xladdin-tmp-{DEAD}-x.xlsx"
    stale.write_bytes(b"")
    atomic_create(tmp_path / "new.xlsx", writer(b"x"))
    assert not stale.exists()
