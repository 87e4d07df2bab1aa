"""What ``xladdin --help`` and each command's ``--help`` tell the user (the help texts are the only
place the options are explained on the command line), and the options argparse requires."""

from __future__ import annotations

import pytest

from xladdin.cli import main


def help_text(monkeypatch, capsys, *argv: str) -> list[str]:
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return [line.strip() for line in capsys.readouterr().out.splitlines()]


def helps(lines: list[str]) -> dict[str, str]:
    """First word of an option/argument line → its help text."""
    out = {}
    for line in lines:
        head, _, rest = line.partition("  ")
        if rest.strip():
            out[head.split(",")[0].split(" ")[0]] = rest.strip()
    return out


TOP = {
    "rollover": "转入下一年度：生成新年度的工作簿（原文件不改动）",
    "suggest": "建议指标：由测算依据和指标库建议空白或有问题的指标",
    "new-fund": "新增专项：添加附表3（标准指标框架）并在附表2 中增加一行",
    "sync": "同步汇总：使附表2 与各附表3 一致",
    "export": "导出报送：无宏的 .xlsx 和 PDF",
    "doctor": "检查本机环境（Python、xlwings、LibreOffice、模板、写权限），逐项给出修复方法",
    "bundle": "为无网络的电脑生成离线安装包（全部 wheel + install.cmd）",
}


def test_top_level_help_lists_the_commands(monkeypatch, capsys):
    got = helps(help_text(monkeypatch, capsys))
    for command, text in TOP.items():
        assert got.get(command) == text, command


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "doctor",
            {
                "工作簿": "要检查的工作簿（默认检查安装包自带的模板与当前文件夹）",
                "--setup-excel": "把本机 Python 写入用户级 xlwings.conf（%USERPROFILE%\\.xlwings\\xlwings.conf）",
            },
        ),
        (
            "bundle",
            {
                "输出文件": "输出 .zip",
                "--platform": "目标平台（默认 win_amd64）",
                "--python": "目标 Python 版本（默认 3.11）",
                "--wheel": "xladdin 的 .whl（默认由源代码生成）",
            },
        ),
        (
            "rollover",
            {
                "--year": "新的预算年度，如 2024",
                "--out": "新工作簿的路径（不能已存在）",
                "--clear-amounts": "清空填写的金额（合计公式与测算依据保留）",
            },
        ),
        ("suggest", {"--write": "把建议写入空白单元格（标浅蓝色，不覆盖已填写内容）"}),
        (
            "new-fund",
            {
                "--name": "支出方向（专项）名称",
                "--amount": "金额（万元）；给出 --basis 时可省略（由测算依据算出）",
                "--basis": "支出测算依据，如「2380元/人/月×12个月×112人=320万元」：填入支出明细并建议指标",
                "--parent": "所属专项名称（为已有专项新增子项时）",
                "--config": "TOML 配置文件",
            },
        ),
        ("sync", {"--config": "TOML 配置文件"}),
        (
            "export",
            {
                "--out": "输出文件夹",
                "--force": "仍有错误时也导出，并替换同名的旧导出文件（原工作簿始终不动）",
                "--config": "TOML 配置文件",
            },
        ),
    ],
)
def test_command_help(monkeypatch, capsys, command, expected):
    lines = help_text(monkeypatch, capsys, command)
    got = helps(lines)
    for option, text in expected.items():
        assert got.get(option) == text, option
    if command == "doctor":  # its --conf (for tests) is hidden
        assert not any(line.startswith("--conf") for line in lines) and "--conf" not in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["rollover", "a.xlsm", "--out", "b.xlsm"],  # --year required
        ["rollover", "a.xlsm", "--year", "2024"],  # --out required
        ["rollover", "a.xlsm", "--year", "二〇二四", "--out", "b.xlsm"],  # a year is a number
        ["new-fund", "a.xlsm"],  # --name required
        ["export", "a.xlsm"],  # --out required
        ["bundle"],  # the output zip
        ["suggest"],
        ["sync"],
    ],
)
def test_required_arguments(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "：错误：" in capsys.readouterr().err


def test_flags_take_no_value(tmp_path, capsys):
    for argv in (
        ["suggest", "a.xlsm", "--write", "yes"],
        ["export", "a.xlsm", "--out", "o", "--force", "yes"],
        ["doctor", "a.xlsm", "--setup-excel", "yes"],
        ["rollover", "a", "--year", "1", "--out", "b", "--clear-amounts", "yes"],
    ):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 2, argv
