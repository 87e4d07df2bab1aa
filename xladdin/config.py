"""Validation settings, from one loader that every entry point uses (CLI, ribbon, export, UDFs).

Layers, each on top of the one before: the defaults (``default_config.toml``), the user's file
(``$XLADDIN_CONFIG``, else ``%APPDATA%/xladdin/xladdin.toml`` or ``~/.config/xladdin/xladdin.toml``),
an ``xladdin.toml`` beside the workbook (or in the reviewed folder), and a file named on the command
line (``--config``). Every setting is declared once in :data:`SETTINGS` (type, range, Chinese
description); a rule names the settings it reads (``rule(..., config=(...))``) and may read no
other. Unknown sections or keys and out-of-range values are refused with one line naming the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

LEVELS = ("error", "warning", "info", "off")
BESIDE = "xladdin.toml"  # the file beside a workbook (or in a reviewed folder)


class ConfigError(Exception):
    """The configuration file is wrong (message in Chinese)."""


class Setting(NamedTuple):
    """One key of the configuration: ``section.name``, its type and its allowed range."""

    key: str
    attr: str  # the Config attribute that holds it
    kind: type  # Decimal | float
    low: Decimal
    high: Decimal
    doc: str  # Chinese, one line

    def parse(self, value: Any, source: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ConfigError(f"配置文件 {source}：{self.key} 应为数字，现为「{value}」")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ConfigError(f"配置文件 {source}：{self.key} 应为数字，现为「{value}」") from None
        if not number.is_finite() or not self.low <= number <= self.high:
            shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
            raise ConfigError(f"配置文件 {source}：{self.key} = {shown} 超出范围，应在 {self.low} 到 {self.high} 之间")
        return number if self.kind is Decimal else float(number)


#: Every setting a rule or command reads. Add one here, in ``default_config.toml``, and on the rule.
SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "amounts.tolerance", "tolerance", Decimal, Decimal(0), Decimal(1), "两个金额（万元）相差不超过此值视为相等"
        ),
        Setting(
            "amounts.approx_relative",
            "approx_relative",
            Decimal,
            Decimal(0),
            Decimal("0.5"),
            "测算依据写「约」时，算出的金额与所填金额的相对差不超过此比例视为相符",
        ),
        Setting(
            "indicators.satisfaction_max",
            "satisfaction_max",
            Decimal,
            Decimal(0),
            Decimal(1000),
            "满意度指标值达到此百分比即提示（I311）",
        ),
        Setting(
            "indicators.drift_similarity",
            "drift_similarity",
            float,
            Decimal(0),
            Decimal(1),
            "两段目标文字相似度（0–1）不低于此值算「措辞有差异」，否则算「内容不同」（X204）",
        ),
    )
}
SECTIONS = {key.split(".")[0] for key in SETTINGS} | {"severity", "form"}


#: A line of the defaults file: a section head, or a setting to a plain number (``tolerance = 0.005``).
_PLAIN = re.compile(r"\[([a-z_]+)\]|([a-z_]+) = (-?[0-9]+(?:\.[0-9]+)?)")


def _plain_defaults(text: str) -> dict[str, str] | None:
    """``section.name`` → the number text, for every setting of :data:`SETTINGS`, when every line
    of the defaults file is blank, a comment, a ``[section]`` or a ``name = number`` line (what
    ``default_config.toml`` holds); None otherwise, and TOML reads it. Starting the program then
    costs no TOML parser (tomllib is imported for a user's file only)."""
    found: dict[str, str] = {}
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _PLAIN.fullmatch(line)
        if m is None:
            return None
        if m[1]:
            section = m[1]
            continue
        key = f"{section}.{m[2]}"
        if key in found:
            return None  # TOML refuses a key set twice
        found[key] = m[3]
    return found if found.keys() == SETTINGS.keys() else None


@cache
def _defaults() -> dict[str, Any]:
    text = default_text()
    plain = _plain_defaults(text)
    if plain is None:
        import tomllib

        data = tomllib.loads(text)
        plain = {key: data[key.split(".")[0]][key.split(".")[1]] for key in SETTINGS}
    return {s.attr: s.parse(plain[key], "default_config.toml") for key, s in SETTINGS.items()}


@dataclass
class Config:
    """The merged settings (defaults from ``default_config.toml``) and where they came from."""

    tolerance: Decimal = field(default_factory=lambda: _defaults()["tolerance"])
    approx_relative: Decimal = field(default_factory=lambda: _defaults()["approx_relative"])
    satisfaction_max: Decimal = field(default_factory=lambda: _defaults()["satisfaction_max"])
    drift_similarity: float = field(default_factory=lambda: _defaults()["drift_similarity"])
    severity: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    #: rule code → the file whose [severity] names it (the codes are checked against the catalogue
    #: by ``xladdin.rules.base.check_codes``: the loader knows no rules)
    severity_from: dict[str, str] = field(default_factory=dict)
    #: ``[form] profile``: the form family every form is read as (``xladdin.layout.profiles``);
    #: None lets recognition pick one per form
    profile: str | None = None

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def value(self, key: str) -> Any:
        return getattr(self, SETTINGS[key].attr)

    def for_rule(self, code: str, keys: tuple[str, ...]) -> RuleConfig:
        return RuleConfig(self, code, keys)


class RuleConfig:
    """What one rule sees of the configuration: the settings it declared, nothing else (so a rule
    cannot depend on a setting that ``xladdin rules CODE`` does not show)."""

    _BY_ATTR: ClassVar[dict[str, str]] = {s.attr: s.key for s in SETTINGS.values()}

    def __init__(self, config: Config, code: str, keys: tuple[str, ...]) -> None:
        self._config, self._code, self._keys = config, code, keys

    def __getattr__(self, name: str) -> Any:
        key = self._BY_ATTR.get(name)
        if key is not None and key not in self._keys:
            raise AttributeError(f"rule {self._code} reads {key} without declaring it in rule(config=...)")
        return getattr(self._config, name)


def default_text() -> str:
    # beside this module, as ``xladdin.resources`` finds the package's data (importlib.resources would
    # add 20 modules to every start)
    return Path(__file__).with_name("default_config.toml").read_text("utf-8")


def _merge(cfg: Config, data: dict[str, Any], source: str) -> None:
    for section, body in data.items():
        if section not in SECTIONS:
            raise ConfigError(f"配置文件 {source}：未知的节 [{section}]，可用的节：{'、'.join(sorted(SECTIONS))}")
        if not isinstance(body, dict):
            raise ConfigError(f"配置文件 {source}：{section} 应为一节 [{section}]")
        if section == "severity":
            _merge_severity(cfg, body, source)
            continue
        if section == "form":
            _merge_form(cfg, body, source)
            continue
        for name, value in body.items():
            setting = SETTINGS.get(f"{section}.{name}")
            if setting is None:
                known = "、".join(k for k in SETTINGS if k.startswith(section + "."))
                raise ConfigError(f"配置文件 {source}：未知的设置 {section}.{name}，[{section}] 中可用：{known}")
            setattr(cfg, setting.attr, setting.parse(value, source))
    cfg.sources.append(source)


def _merge_severity(cfg: Config, body: dict[str, Any], source: str) -> None:
    for code, level in body.items():
        if level not in LEVELS:
            raise ConfigError(f"配置文件 {source}：规则 {code} 的级别「{level}」无效，应为 {'/'.join(LEVELS)}")
        cfg.severity[str(code).upper()] = level
        cfg.severity_from.setdefault(str(code).upper(), source)


#: A settings file is a few lines: anything larger, or nested deeper, is not one.
MAX_BYTES = 256 * 1024
MAX_DEPTH = 20


def _merge_form(cfg: Config, body: dict[str, Any], source: str) -> None:
    from xladdin.layout.profiles import PROFILES

    for name, value in body.items():
        if name != "profile":
            raise ConfigError(f"配置文件 {source}：未知的设置 form.{name}，[form] 中可用：profile")
        if value not in PROFILES:
            raise ConfigError(f"配置文件 {source}：form.profile「{value}」无效，应为 {'/'.join(PROFILES)}")
        cfg.profile = value


def _read(path: Path) -> dict[str, Any]:
    try:
        st = path.stat()
    except OSError:
        raise ConfigError(f"无法读取配置文件 {path}") from None
    import stat

    if not stat.S_ISREG(st.st_mode):  # a pipe or a device would be waited on for ever
        raise ConfigError(f"配置文件 {path} 不是普通文件（是文件夹、管道或设备）")
    if st.st_size > MAX_BYTES:
        raise ConfigError(f"配置文件 {path} 过大（{st.st_size:,} 字节，上限 {MAX_BYTES:,}）")
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"无法读取配置文件 {path}") from None
    if _depth(text) > MAX_DEPTH:
        raise ConfigError(f"配置文件 {path} 格式错误：嵌套超过 {MAX_DEPTH} 层")
    import tomllib  # only for a file of the user's: the defaults need none (``_plain_defaults``)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"配置文件 {path} 格式错误：{err}") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, say
        raise ConfigError(f"配置文件 {path} 格式错误：数字过长或嵌套过深") from None


def _depth(text: str) -> int:
    """The deepest nesting of [ and { outside strings and comments (a rough count is enough)."""
    depth = deepest = 0
    quote = ""
    comment = False
    for ch in text:
        if comment:
            comment = ch != "\n"
        elif quote:
            quote = "" if ch in (quote, "\n") else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            comment = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def user_file() -> Path | None:
    """The user's own settings file, if there is one."""
    env = os.environ.get("XLADDIN_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("APPDATA") or os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    path = Path(base) / "xladdin" / BESIDE
    return path if path.is_file() else None


def beside(target: str | Path | None) -> Path | None:
    """``xladdin.toml`` beside the workbook ``target`` (or in the folder ``target``), if any."""
    if not target:
        return None
    target = Path(target)
    folder = target if target.is_dir() else target.parent
    path = folder / BESIDE
    return path if path.is_file() else None


def load_config(path: str | Path | None = None, *, book: str | Path | None = None) -> Config:
    """The settings for ``book``: defaults, the user's file, ``xladdin.toml`` beside the book, then
    ``path`` (a file named on the command line). The one loader every entry point uses."""
    cfg = Config()
    cfg.sources.append("default_config.toml")
    layers = [user_file(), beside(book), Path(path) if path is not None else None]
    seen: set[Path] = set()
    for layer in layers:
        if layer is None:
            continue
        key = layer.resolve() if layer.exists() else layer
        if key in seen:
            continue
        seen.add(key)
        _merge(cfg, _read(layer), str(layer))
    return cfg


def default_config() -> Config:
    """The defaults alone (``default_config.toml``)."""
    return Config()
