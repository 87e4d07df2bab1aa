"""``xladdin new-fund / sync / export / rollover / suggest`` as the command line drives them: the planners
and the writer are replaced by recorders, so each test checks what the CLI passes on, what it prints
(exactly) and its exit code. test_write_commands.py, test_rollover.py and test_suggest.py run the real
planners end to end."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import xladdin.commands.export as export_mod
import xladdin.commands.funds as funds
import xladdin.commands.rollover as rollover_mod
import xladdin.commands.suggest as suggest_mod
import xladdin.io.openpyxl_writer as writer
import xladdin.reader as reader
from xladdin.cli import main
from xladdin.commands import cli_write
from xladdin.edits import Change, Plan, RefreshSelfCheck
from xladdin.io.save import SaveRefused

READING = object()  # what the fake reader returns


@pytest.fixture()
def book(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "b.xlsm"
    path.write_bytes(b"")
    monkeypatch.setattr(reader, "read_workbook", lambda p: READING if Path(p) == path else None)
    return path


@pytest.fixture()
def written(monkeypatch, tmp_path):
    """edit_file recorder: returns a backup path."""
    calls = []

    def fake(path, edits):
        calls.append((Path(path), edits))
        return tmp_path / "b.bak.xlsm"

    monkeypatch.setattr(writer, "edit_file", fake)
    return calls


@pytest.fixture()
def configs(monkeypatch):
    seen = []

    def fake(path, book=None):
        seen.append((path, book))
        return "CONFIG"

    monkeypatch.setattr(cli_write, "load_config", fake)
    return seen


def plan(*changes: Change) -> Plan:
    return Plan(edits=["E1", "E2"], changes=list(changes))


CHANGES = (Change("附表2", "B7", "新增一行「培训」"), Change("附表3 培训", "C5", "金额 320", overwrote_typed=True))


# --- new-fund ---------------------------------------------------------------------------------------


def test_new_fund_prints_its_changes(book, written, configs, monkeypatch, capsys):
    seen = []

    def fake(reading, name, amount, parent, basis, config):
        seen.append((reading, name, amount, parent, basis, config))
        return plan(*CHANGES)

    monkeypatch.setattr(funds, "plan_new_fund", fake)
    argv = ["new-fund", str(book), "--name", "培训", "--amount", "320", "--parent", "总项", "--config", "c.toml"]
    assert main(argv) == 0
    assert seen == [(READING, "培训", "320", "总项", None, "CONFIG")]
    assert configs == [("c.toml", book)]
    assert written == [(book, ["E1", "E2", RefreshSelfCheck()])]  # the 自查 formulas follow
    assert capsys.readouterr().out == (
        "已保存。原文件备份为：b.bak.xlsm\n"
        "新增专项：\n"
        "  附表2!B7  新增一行「培训」\n"
        "  附表3 培训!C5  金额 320（覆盖了手工填写的值）\n"
        "请在新工作表中填写三级指标、指标值和支出明细，然后运行校验。\n"
    )


def test_new_fund_with_basis(book, configs, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(funds, "plan_new_fund", lambda *a: seen.append(a) or plan())
    monkeypatch.setattr(writer, "edit_file", lambda path, edits: None)  # no backup made
    assert main(["new-fund", str(book), "--name", "培训", "--basis", "2380元/人/月×12个月×112人=320万元"]) == 0
    assert seen == [(READING, "培训", None, None, "2380元/人/月×12个月×112人=320万元", "CONFIG")]
    assert configs == [(None, book)]
    assert capsys.readouterr().out == (
        "新增专项：\n请核对浅蓝色底纹的建议内容（指标与绩效目标），按实际修改后运行校验。\n"
    )


def test_new_fund_refused(book, written, configs, monkeypatch, capsys):
    def refuse(*a):
        raise funds.CommandError("已有同名专项：培训")

    monkeypatch.setattr(funds, "plan_new_fund", refuse)
    assert main(["new-fund", str(book), "--name", "培训", "--amount", "1"]) == 2
    assert written == []
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "错误：已有同名专项：培训（error: refused, nothing changed）\n"


def test_new_fund_cannot_write(book, configs, monkeypatch, capsys):
    monkeypatch.setattr(funds, "plan_new_fund", lambda *a: plan())

    def refuse(path, edits):
        raise SaveRefused("文件正在 Excel 中打开")

    monkeypatch.setattr(writer, "edit_file", refuse)
    assert main(["new-fund", str(book), "--name", "培训", "--amount", "1"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "错误：文件正在 Excel 中打开（error: file cannot be written now）\n"


def test_new_fund_lock_refused(book, configs, monkeypatch, capsys):
    monkeypatch.setattr(funds, "plan_new_fund", lambda *a: plan())

    def busy(path):
        raise SaveRefused("文件「b.xlsm」正被另一个 xladdin 命令修改，请等它完成后再试")

    monkeypatch.setattr(cli_write, "locked", busy)
    assert main(["new-fund", str(book), "--name", "培训", "--amount", "1"]) == 2
    assert capsys.readouterr().err == (
        "错误：文件「b.xlsm」正被另一个 xladdin 命令修改，请等它完成后再试（error: file cannot be written now）\n"
    )


def test_new_fund_on_a_missing_file(tmp_path, configs, capsys):
    path = tmp_path / "none.xlsm"
    assert main(["new-fund", str(path), "--name", "培训", "--amount", "1"]) == 2
    assert capsys.readouterr().err == (
        f"错误：无法打开文件：{path}（文件或文件夹不存在）（error: cannot open file: No such file or directory）\n"
    )


def test_write_holds_the_lock_while_reading_and_writing(book, configs, monkeypatch):
    events = []
    from contextlib import contextmanager

    @contextmanager
    def lock(path):
        events.append(("lock", Path(path)))
        yield
        events.append(("unlock", Path(path)))

    monkeypatch.setattr(cli_write, "locked", lock)
    monkeypatch.setattr(funds, "plan_new_fund", lambda *a: events.append("plan") or plan())
    monkeypatch.setattr(writer, "edit_file", lambda p, e: events.append("write"))
    assert main(["new-fund", str(book), "--name", "培训", "--amount", "1"]) == 0
    assert events == [("lock", book), "plan", "write", ("unlock", book)]


# --- sync -------------------------------------------------------------------------------------------


def test_sync_with_changes(book, written, configs, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(funds, "plan_sync", lambda reading, config: seen.append((reading, config)) or plan(*CHANGES))
    assert main(["sync", str(book), "--config", "c.toml"]) == 0
    assert seen == [(READING, "CONFIG")]
    assert configs == [("c.toml", book)]
    assert written == [(book, ["E1", "E2", RefreshSelfCheck()])]  # the 自查 formulas follow
    assert capsys.readouterr().out == (
        "已保存。原文件备份为：b.bak.xlsm\n"
        "同步汇总，附表2 的修改：\n"
        "  附表2!B7  新增一行「培训」\n"
        "  附表3 培训!C5  金额 320（覆盖了手工填写的值）\n"
        "注意：1 处手工填写的值被替换（原文件已备份）。\n"
    )


def test_sync_without_typed_values_replaced(book, written, configs, monkeypatch, capsys):
    monkeypatch.setattr(funds, "plan_sync", lambda reading, config: plan(CHANGES[0]))
    assert main(["sync", str(book)]) == 0
    assert configs == [(None, book)]
    assert capsys.readouterr().out.endswith("同步汇总，附表2 的修改：\n  附表2!B7  新增一行「培训」\n")


def test_sync_nothing_to_do_writes_nothing(book, written, configs, monkeypatch, capsys):
    monkeypatch.setattr(funds, "plan_sync", lambda reading, config: Plan())
    assert main(["sync", str(book)]) == 0
    assert written == []
    assert capsys.readouterr().out == "附表2 已与各附表3 一致，无需修改。\n"


def test_sync_refused(book, written, configs, monkeypatch, capsys):
    def refuse(reading, config):
        raise funds.CommandError("没有附表2")

    monkeypatch.setattr(funds, "plan_sync", refuse)
    assert main(["sync", str(book)]) == 2
    assert capsys.readouterr().err == "错误：没有附表2（error: refused, nothing changed）\n"

    monkeypatch.setattr(funds, "plan_sync", lambda reading, config: plan())

    def busy(path, edits):
        raise SaveRefused("磁盘已满")

    monkeypatch.setattr(writer, "edit_file", busy)
    assert main(["sync", str(book)]) == 2
    assert capsys.readouterr().err == "错误：磁盘已满（error: file cannot be written now）\n"


def test_sync_lock_refused(book, configs, monkeypatch, capsys):
    def busy(path):
        raise SaveRefused("正被另一个命令修改")

    monkeypatch.setattr(cli_write, "locked", busy)
    assert main(["sync", str(book)]) == 2
    assert capsys.readouterr().err == "错误：正被另一个命令修改（error: file cannot be written now）\n"


# --- export -----------------------------------------------------------------------------------------


def test_export_prints_the_files(book, configs, monkeypatch, capsys, tmp_path):
    seen = []

    def fake(path, out, *, force, config):
        seen.append((path, out, force, config))
        return export_mod.Exported(tmp_path / "out" / "b.xlsx", tmp_path / "out" / "b.pdf", "", "0 个错误")

    monkeypatch.setattr(export_mod, "export", fake)
    assert main(["export", str(book), "--out", str(tmp_path / "out"), "--force", "--config", "c.toml"]) == 0
    assert seen == [(book, tmp_path / "out", True, "CONFIG")]
    assert configs == [("c.toml", book)]
    out = tmp_path / "out"
    assert capsys.readouterr().out == f"报送文件：{out / 'b.xlsx'}\nPDF：{out / 'b.pdf'}\n校验结果：0 个错误\n"


def test_export_without_pdf(book, configs, monkeypatch, capsys, tmp_path):
    seen = []

    def fake(path, out, *, force, config):
        seen.append(force)
        return export_mod.Exported(tmp_path / "b.xlsx", None, "LibreOffice 未安装", "2 个提醒")

    monkeypatch.setattr(export_mod, "export", fake)
    assert main(["export", str(book), "--out", str(tmp_path)]) == 0
    assert seen == [False]
    assert configs == [(None, book)]
    assert capsys.readouterr().out == (
        f"报送文件：{tmp_path / 'b.xlsx'}\n未生成 PDF：LibreOffice 未安装\n校验结果：2 个提醒\n"
    )


def test_export_refused(book, configs, monkeypatch, capsys, tmp_path):
    def refuse(path, out, *, force, config):
        raise export_mod.ExportRefused("仍有 3 个错误，未导出")

    monkeypatch.setattr(export_mod, "export", refuse)
    assert main(["export", str(book), "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().out == "仍有 3 个错误，未导出\n"

    def cannot(path, out, *, force, config):
        raise SaveRefused("无法写入报送文件夹")

    monkeypatch.setattr(export_mod, "export", cannot)
    assert main(["export", str(book), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "错误：无法写入报送文件夹（error: export not written）\n"


# --- rollover ---------------------------------------------------------------------------------------


def test_rollover_lists_changed_and_kept_lines(monkeypatch, tmp_path, capsys):
    seen = []
    lines = [
        ("附表1", "B2", "2023年", "2024年", "年度顺延"),
        ("附表3 培训", "D9", "320", "", "金额已清空"),
        ("附表1", "C12", "2023年完成" + "甲" * 70, "", "上年实际，未改动"),
    ]

    def fake(src, out, year, *, clear_amounts):
        seen.append((src, out, year, clear_amounts))
        return rollover_mod.Rollover(2023, 2024, lines=lines, target=tmp_path / "new.xlsm")

    monkeypatch.setattr(rollover_mod, "rollover_file", fake)
    src = tmp_path / "old.xlsm"
    assert main(["rollover", str(src), "--year", "2024", "--out", str(tmp_path / "new.xlsm"), "--clear-amounts"]) == 0
    assert seen == [(src, tmp_path / "new.xlsm", 2024, True)]
    assert capsys.readouterr().out == (
        f"已生成 2024 年度工作簿：{tmp_path / 'new.xlsm'}（原文件未改动）\n"
        "改动 2 处：\n"
        "  附表1!B2  「2023年」→「2024年」\n"
        "  附表3 培训!D9  金额已清空：320\n"
        "未改动、请核对 1 处：\n"
        f"  附表1!C12  上年实际，未改动：2023年完成{'甲' * 53}\n"
        "以上清单也写在新工作簿的「转年说明」工作表中（不参加校验，不随报送导出）。\n"
    )


def test_rollover_nothing_kept(monkeypatch, tmp_path, capsys):
    seen = []

    def fake(src, out, year, *, clear_amounts):
        seen.append(clear_amounts)
        return rollover_mod.Rollover(2023, 2024, target=tmp_path / "new.xlsm")

    monkeypatch.setattr(rollover_mod, "rollover_file", fake)
    assert main(["rollover", str(tmp_path / "o.xlsm"), "--year", "2024", "--out", str(tmp_path / "new.xlsm")]) == 0
    assert seen == [False]
    assert capsys.readouterr().out == (
        f"已生成 2024 年度工作簿：{tmp_path / 'new.xlsm'}（原文件未改动）\n"
        "改动 0 处：\n"
        "以上清单也写在新工作簿的「转年说明」工作表中（不参加校验，不随报送导出）。\n"
    )


@pytest.mark.parametrize("error", [rollover_mod.RolloverError("目标文件已存在"), SaveRefused("目标文件已存在")])
def test_rollover_refused(monkeypatch, tmp_path, capsys, error):
    def refuse(src, out, year, *, clear_amounts):
        raise error

    monkeypatch.setattr(rollover_mod, "rollover_file", refuse)
    assert main(["rollover", str(tmp_path / "o.xlsm"), "--year", "2024", "--out", str(tmp_path / "n.xlsm")]) == 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == "错误：目标文件已存在（error: refused, nothing written）\n"


# --- suggest ----------------------------------------------------------------------------------------


def suggestions(writable: int, total: int | None = None):
    proposals = [SimpleNamespace(writable=i < writable) for i in range(writable if total is None else total)]
    return SimpleNamespace(
        proposals=proposals, writable=[p for p in proposals if p.writable], plan=SimpleNamespace(edits=["E"])
    )


@pytest.fixture()
def suggest(monkeypatch):
    state = {"result": suggestions(2), "calls": []}

    def fake(reading, *, write_notes):
        state["calls"].append((reading, write_notes))
        return state["result"]

    monkeypatch.setattr(suggest_mod, "plan_suggest", fake)
    monkeypatch.setattr(suggest_mod, "print_proposals", lambda result: print(f"[{len(result.proposals)} proposals]"))
    return state


def test_suggest_without_write(book, suggest, written, capsys):
    assert main(["suggest", str(book)]) == 0
    assert suggest["calls"] == [(READING, False)]
    assert written == []
    assert capsys.readouterr().out == (
        "[2 proposals]\n加 --write 写入标「可写入」的建议（只填空白单元格，不覆盖已填写的内容）。\n"
    )
    suggest["result"] = suggestions(0, 3)
    assert main(["suggest", str(book)]) == 0
    assert capsys.readouterr().out == "[3 proposals]\n"


def test_suggest_write(book, suggest, written, capsys):
    assert main(["suggest", str(book), "--write"]) == 0
    assert suggest["calls"] == [(READING, True)]
    assert written == [(book, ["E"])]
    assert capsys.readouterr().out == (
        "[2 proposals]\n已写入 2 项建议（浅蓝色底纹为建议值，请核对后确认或修改）。\n原文件备份为：b.bak.xlsm\n"
    )


def test_suggest_write_without_backup(book, suggest, monkeypatch, capsys):
    monkeypatch.setattr(writer, "edit_file", lambda path, edits: None)
    assert main(["suggest", str(book), "--write"]) == 0
    assert capsys.readouterr().out == "[2 proposals]\n已写入 2 项建议（浅蓝色底纹为建议值，请核对后确认或修改）。\n"


def test_suggest_write_nothing_writable(book, suggest, written, capsys):
    suggest["result"] = suggestions(0, 2)
    assert main(["suggest", str(book), "--write"]) == 0
    assert written == []
    assert capsys.readouterr().out == "[2 proposals]\n没有可写入的空白单元格，文件未改动。\n"


def test_suggest_write_refused(book, suggest, monkeypatch, capsys):
    def refuse(path, edits):
        raise SaveRefused("文件正在 Excel 中打开")

    monkeypatch.setattr(writer, "edit_file", refuse)
    assert main(["suggest", str(book), "--write"]) == 2
    assert capsys.readouterr().err == "错误：文件正在 Excel 中打开（error: file cannot be written now）\n"


def test_suggest_write_holds_the_lock(book, suggest, written, monkeypatch, capsys):
    from contextlib import contextmanager

    import xladdin.io.save as save

    events = []

    @contextmanager
    def lock(path):
        events.append(Path(path))
        yield

    monkeypatch.setattr(save, "locked", lock)
    assert main(["suggest", str(book), "--write"]) == 0
    assert events == [book]
    events.clear()
    assert main(["suggest", str(book)]) == 0  # reading only: no lock
    assert events == []

    def busy(path):
        raise SaveRefused("正被另一个命令修改")

    monkeypatch.setattr(save, "locked", busy)
    capsys.readouterr()
    assert main(["suggest", str(book), "--write"]) == 2
    assert capsys.readouterr().err == "错误：正被另一个命令修改（error: file cannot be written now）\n"


def test_suggest_write_on_a_missing_file_reads_without_lock(tmp_path, suggest, monkeypatch, capsys):
    import xladdin.io.save as save

    path = tmp_path / "none.xlsm"
    monkeypatch.setattr(reader, "read_workbook", lambda p: READING)
    monkeypatch.setattr(save, "locked", lambda p: pytest.fail("no lock for a file that is not there"))
    monkeypatch.setattr(writer, "edit_file", lambda path, edits: None)
    assert main(["suggest", str(path), "--write"]) == 0
    assert suggest["calls"] == [(READING, True)]
