"""One config loader: defaults < the user's file < xladdin.toml beside the workbook < --config; the
ribbon, the CLI, export and the UDFs read the same settings; bad files are one line naming the key."""

from __future__ import annotations

import json
import shutil
import tomllib
from decimal import Decimal

import pytest
import xlwings as xw
from helpers import payload

from xladdin.cli import main
from xladdin.config import SETTINGS, Config, ConfigError, default_text, load_config
from xladdin.excel.handlers import Ui, run
from xladdin.io.xlsx import read_grid
from xladdin.rules import CATALOGUE


@pytest.fixture()
def book_dir(example_file, tmp_path, monkeypatch):
    monkeypatch.setenv("XLADDIN_CONFIG", "")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home"))  # no user file
    monkeypatch.delenv("APPDATA", raising=False)
    book = tmp_path / "book" / "部门.xlsx"
    book.parent.mkdir()
    shutil.copy(example_file, book)
    return book


class Quiet(Ui):
    def alert(self, text, title="绩效目标"):
        self.last = text


def _cli_rules(book, capsys) -> list[str]:
    main(["validate", str(book), "--json"])
    return [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]


def _ribbon_rules(book) -> list[str]:
    xbook = xw.Book(json=payload(read_grid(book), name=str(book)))
    run("validate", xbook, Quiet(xbook))
    [table] = [a for a in xbook.json()["actions"] if a["func"] == "setValues" and a["values"][0][0] == "级别"]
    return [row[3] for row in table["values"][1:]]


def test_a_file_beside_the_book_changes_ribbon_and_cli_alike(book_dir, capsys):
    before_cli, before_ribbon = _cli_rules(book_dir, capsys), _ribbon_rules(book_dir)
    assert before_cli == before_ribbon
    assert "I311" in before_cli  # the seed's 满意度 targets of 100%
    (book_dir.parent / "xladdin.toml").write_text("[indicators]\nsatisfaction_max = 101\n", "utf-8")
    after_cli, after_ribbon = _cli_rules(book_dir, capsys), _ribbon_rules(book_dir)
    assert after_cli == after_ribbon
    assert "I311" not in after_cli
    assert after_cli == [r for r in before_cli if r != "I311"]


def test_layers_in_order(book_dir, tmp_path, monkeypatch):
    user = tmp_path / "user.toml"
    user.write_text("[amounts]\ntolerance = 0.1\n[indicators]\ndrift_similarity = 0.9\n", "utf-8")
    monkeypatch.setenv("XLADDIN_CONFIG", str(user))
    (book_dir.parent / "xladdin.toml").write_text("[amounts]\ntolerance = 0.2\n", "utf-8")
    cli = tmp_path / "cli.toml"
    cli.write_text('[severity]\nI310 = "off"\n', "utf-8")
    cfg = load_config(cli, book=book_dir)
    assert cfg.tolerance == Decimal("0.2")  # beside the book beats the user's file
    assert cfg.drift_similarity == 0.9  # the user's file beats the defaults
    assert cfg.severity == {"I310": "off"}
    assert cfg.satisfaction_max == Decimal(100)  # default_config.toml
    assert cfg.sources == ["default_config.toml", str(user), str(book_dir.parent / "xladdin.toml"), str(cli)]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[amount]\ntolerance = 0.01\n", "[amount]"),
        ("[amounts]\ntolerence = 0.01\n", "amounts.tolerence"),
        ("[amounts]\ntolerance = -0.01\n", "amounts.tolerance"),
        ("[amounts]\ntolerance = 5\n", "amounts.tolerance"),
        ('[amounts]\ntolerance = "多"\n', "amounts.tolerance"),
        ("[amounts]\ntolerance = nan\n", "amounts.tolerance"),
        ("[indicators]\ndrift_similarity = 1.5\n", "indicators.drift_similarity"),
        ("[indicators]\nsatisfaction_max = true\n", "indicators.satisfaction_max"),
        ('[severity]\nZ999 = "off"\n', "Z999"),
        ('[severity]\nI310 = "loud"\n', "I310"),
        ("tolerance = 0.01\n", "tolerance"),
        ("[amounts\n", "格式错误"),
    ],
)
def test_bad_settings_are_one_line_naming_the_key(book_dir, capsys, text, named):
    (book_dir.parent / "xladdin.toml").write_text(text, "utf-8")
    assert main(["validate", str(book_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and named in err[0] and "xladdin.toml" in err[0], err
    xbook = xw.Book(json=payload(read_grid(book_dir), name=str(book_dir)))
    ui = Quiet(xbook)
    run("validate", xbook, ui)  # the ribbon says the same line, no 「操作未完成」
    assert named in ui.last and "操作未完成" not in ui.last


def test_defaults_file_declares_every_setting_and_nothing_else():
    data = tomllib.loads(default_text())
    keys = {f"{s}.{k}" for s, body in data.items() if s != "severity" for k in body}
    assert keys == set(SETTINGS)
    assert Config().tolerance == Decimal(str(data["amounts"]["tolerance"]))
    assert Config().satisfaction_max == Decimal(str(data["indicators"]["satisfaction_max"]))


def test_every_setting_is_read_by_a_rule_that_declares_it(capsys):
    declared = {k for r in CATALOGUE.values() for k in r.config}
    assert declared == set(SETTINGS)
    assert main(["rules", "A106"]) == 0
    out = capsys.readouterr().out
    assert "amounts.tolerance = 0.005" in out
    assert main(["rules", "B401"]) == 0
    assert "amounts.approx_relative = 0.01" in capsys.readouterr().out


def test_a_rule_cannot_read_an_undeclared_setting():
    view = Config().for_rule("I301", ())
    with pytest.raises(AttributeError, match=r"I301 reads amounts\.tolerance"):
        _ = view.tolerance
    assert Config().for_rule("A106", ("amounts.tolerance",)).tolerance == Decimal("0.005")


def test_tolerance_comes_from_the_config(grid_copy):
    """附表2 合计 typed as 1184.76 over rows that sum to 1184.26 (the seed): 0.5 万元 apart."""
    from helpers import edit, findings

    edit(grid_copy, "附表2", "C5", 1184.76)
    strict = {f.rule for f in findings(grid_copy, Config())}
    lenient = {f.rule for f in findings(grid_copy, Config(tolerance=Decimal(1)))}
    assert {"A106", "A110"} <= strict
    assert "A106" not in lenient and "A110" in lenient  # the overwritten formula is still reported


def test_config_error_type():
    with pytest.raises(ConfigError):
        load_config("/nonexistent/xladdin.toml")


def test_defaults_are_read_without_toml_as_toml_reads_them(monkeypatch):
    """The defaults file is read line by line (no TOML parser at start-up) to the values TOML gives;
    a file that is not plain ``name = number`` lines goes to TOML."""
    from xladdin import config

    data = tomllib.loads(default_text())
    as_toml = {s.attr: s.parse(data[k.split(".")[0]][k.split(".")[1]], "t") for k, s in SETTINGS.items()}
    config._defaults.cache_clear()
    assert Config().tolerance == as_toml["tolerance"] and config._defaults() == as_toml
    plain = config._plain_defaults(default_text())
    assert plain is not None and set(plain) == set(SETTINGS)
    for odd in (
        default_text().replace("tolerance = 0.005", "tolerance = 5e-3"),
        default_text().replace("[amounts]", "[amounts]  # 金额"),
        default_text().replace("tolerance = 0.005", "tolerance = 0.005\ntolerance = 0.006"),
        default_text().replace("drift_similarity = 0.5", "drift_similarity = 0.5  # 相似度"),
    ):
        assert config._plain_defaults(odd) is None
    monkeypatch.setattr(config, "default_text", lambda: default_text().replace("tolerance = 0.005", "tolerance = 5e-3"))
    config._defaults.cache_clear()
    try:
        assert Config().tolerance == Decimal("0.005")
    finally:
        config._defaults.cache_clear()
