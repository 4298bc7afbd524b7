"""Project configuration: `[tool.claimcheck]` in pyproject.toml, or claimcheck.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .safeyaml import ConfigError


class Config(BaseModel):
    """What a project may set: rule folders, which rules run, the failure threshold, parameters."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] = []
    select: list[str] = []
    ignore: list[str] = []
    fail_on: Literal["info", "warning", "error", "never"] | None = None
    params: dict[str, dict[str, Any]] = {}
    priors: dict[str, float] = {}

    @field_validator("select", "ignore")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        """Rule codes or code prefixes (`CC001`, `CC0`, `CC`)."""
        for code in v:
            if not CODE_PREFIX.match(code):
                raise ValueError(f"{code!r} is not a rule code or code prefix (e.g. CC001, CC0)")
        return [c.upper() for c in v]

    @field_validator("params")
    @classmethod
    def _param_codes(cls, v: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for code in v:
            if not CODE.match(code):
                raise ValueError(f"{code!r} is not a rule code (e.g. CC001)")
        return v


CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3,4}$")
CODE_PREFIX = re.compile(r"^[A-Za-z]{1,5}[0-9]{0,4}$")


def check_rule_params(cfg: Config, path: Path, prefix: str = "") -> None:
    """Validate `params` against the rules they name (built-in and the config's `rules` folders).

    A code no loaded rule has is left to the run (a `--rules` folder may define it); a parameter a
    rule's check type does not take, or a value of the wrong type, stops here with the file and key.
    """
    if not cfg.params:
        return
    from .engine import load_rules
    from .registry import load_registry

    rules = {r.code: r for r in load_rules(load_registry(tuple(cfg.rules)))}
    for code, overrides in sorted(cfg.params.items()):
        rule = rules.get(code)
        if rule is None:
            continue
        try:
            from .checks import CHECKS

            CHECKS[rule.spec.check].Params.model_validate({**rule.spec.params, **overrides})
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(x) for x in err["loc"])
            raise ConfigError(path, err["msg"], key=f"{prefix}params.{code}.{key}") from None


def load_config(explicit: str | None = None, cwd: Path | None = None) -> tuple[Config, Path | None]:
    """The config in force: an explicit file, else ./claimcheck.toml, else ./pyproject.toml's table."""
    base = cwd or Path.cwd()
    candidates: list[tuple[Path, bool]] = []
    if explicit:
        candidates.append((Path(explicit), True))
    else:
        candidates += [(base / "claimcheck.toml", False), (base / "pyproject.toml", False)]
    for path, required in candidates:
        if not path.is_file():
            if required:
                raise ConfigError(path, "config file not found")
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(path, f"invalid TOML: {exc}") from None
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("claimcheck")
            if table is None:
                continue
            prefix = "tool.claimcheck."
        else:
            table = data.get("tool", {}).get("claimcheck", data)
            prefix = ""
        if not isinstance(table, dict):
            raise ConfigError(path, "must be a table", key=prefix.rstrip(".") or None)
        table = {k.replace("-", "_"): v for k, v in table.items()}
        try:
            cfg = Config.model_validate(table)
        except ValidationError as exc:
            err = exc.errors()[0]
            key = prefix + ".".join(str(x) for x in err["loc"])
            raise ConfigError(path, err["msg"], key=key) from None
        base_dir = path.parent
        cfg.rules = [str((base_dir / r).resolve()) for r in cfg.rules]
        check_rule_params(cfg, path, prefix)
        return cfg, path
    return Config(), None
