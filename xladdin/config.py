"""Validation settings: defaults in ``default_config.toml``, overridden by the user's TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

LEVELS = ("error", "warning", "info", "off")


class ConfigError(Exception):
    """The configuration file is wrong (message in Chinese)."""


@dataclass
class Config:
    tolerance: Decimal = Decimal("0.005")
    satisfaction_max: Decimal = Decimal(100)
    drift_similarity: float = 0.5
    severity: dict[str, str] = field(default_factory=dict)

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)


def default_text() -> str:
    return resources.files("xladdin").joinpath("default_config.toml").read_text("utf-8")


def _merge(cfg: Config, data: dict[str, Any], source: str) -> None:
    amounts = data.get("amounts", {})
    indicators = data.get("indicators", {})
    try:
        if "tolerance" in amounts:
            cfg.tolerance = Decimal(str(amounts["tolerance"]))
        if "satisfaction_max" in indicators:
            cfg.satisfaction_max = Decimal(str(indicators["satisfaction_max"]))
        if "drift_similarity" in indicators:
            cfg.drift_similarity = float(indicators["drift_similarity"])
    except (ArithmeticError, ValueError, TypeError):
        raise ConfigError(f"配置文件 {source} 中的数值无效") from None
    for code, level in data.get("severity", {}).items():
        if level not in LEVELS:
            raise ConfigError(f"配置文件 {source}：规则 {code} 的级别「{level}」无效，应为 {'/'.join(LEVELS)}")
        cfg.severity[str(code)] = level


def load_config(path: str | Path | None = None) -> Config:
    """The defaults, then ``path`` on top of them."""
    cfg = Config()
    _merge(cfg, tomllib.loads(default_text()), "default_config.toml")
    if path is not None:
        try:
            text = Path(path).read_text("utf-8")
        except OSError:
            raise ConfigError(f"无法读取配置文件 {path}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"配置文件 {path} 格式错误：{err}") from None
        _merge(cfg, data, str(path))
        from xladdin.rules import CATALOGUE  # the codes known to the catalogue

        unknown = [c for c in data.get("severity", {}) if c not in CATALOGUE]
        if unknown:
            raise ConfigError(f"配置文件 {path} 中有未知的规则代码：{', '.join(unknown)}")
    return cfg
