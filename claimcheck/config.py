"""Project configuration: `[tool.claimcheck]` in pyproject.toml, or claimcheck.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

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
        return cfg, path
    return Config(), None
