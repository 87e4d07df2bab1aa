"""The rule catalogue and its configuration: every rule documented, listed, configurable."""

from __future__ import annotations

import json

from xladdin.cli import main
from xladdin.rules import CATALOGUE
from xladdin.validate import validate_file


def test_every_rule_is_documented_like_a_rule_page():
    assert len(CATALOGUE) >= 30
    for code, r in CATALOGUE.items():
        assert code[0] in "SAXIBFG" and code[1:].isdigit()
        assert r.title and not r.title.isascii(), code  # a Chinese title
        doc = r.doc
        # what is wrong, why a reviewer cares, an example, the fix: in simplified Chinese
        assert all(h in doc for h in ("问题：", "为何要紧：", "示例：", "修改：")), code
        assert not any(w in doc for w in ("Why it matters", "Example:", "Fix:")), code


def test_rules_command_lists_and_explains(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(code in listing for code in CATALOGUE)
    assert "错误：审核人会因此退回报表" in listing  # what each severity means
    assert main(["rules", "b401"]) == 0
    assert "测算依据" in capsys.readouterr().out
    assert main(["rules", "--json"]) == 0
    assert {r["code"] for r in json.loads(capsys.readouterr().out)} == set(CATALOGUE)
    assert main(["rules", "Z999"]) == 2


def test_config_changes_severity_and_switches_rules_off(example_file, tmp_path, capsys):
    cfg = tmp_path / "strict.toml"
    cfg.write_text('[severity]\nF502 = "error"\nI310 = "off"\n', "utf-8")
    assert main(["validate", str(example_file), "--json", "--config", str(cfg)]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert not [f for f in findings if f["rule"] == "I310"]
    assert {f["severity"] for f in findings if f["rule"] == "F502"} == {"error"}


def test_satisfaction_threshold_is_configurable(example_file, tmp_path):
    from xladdin.config import load_config

    cfg = tmp_path / "lenient.toml"
    cfg.write_text("[indicators]\nsatisfaction_max = 101\n", "utf-8")
    assert [f for f in validate_file(example_file).findings if f.rule == "I311"]
    assert not [f for f in validate_file(example_file, load_config(cfg)).findings if f.rule == "I311"]


def test_bad_config_is_one_line(example_file, tmp_path, capsys):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[severity]\nQ123 = "loud"\n', "utf-8")
    assert main(["validate", str(example_file), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "配置文件" in err[0]
