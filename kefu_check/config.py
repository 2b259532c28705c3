"""Defaults for the options every command shares: flags beat `KEFU_CHECK_*` environment beat config files.

Config: `[tool.kefu-check]` in the nearest `pyproject.toml`, or the nearest `kefu-check.toml` (top level),
searched from the working directory upwards; in one folder `kefu-check.toml` wins; a `pyproject.toml` that
cannot hold the table is passed by unparsed. Keys: `fail-on`, `lang`,
`format`, `holidays` (a list of paths of holiday files or folders of them, relative to the config file; a
folder stands for its `*.json` files). Environment: `KEFU_CHECK_FAIL_ON`,
`KEFU_CHECK_LANG`, `KEFU_CHECK_FORMAT`, `KEFU_CHECK_HOLIDAYS` (paths separated by `os.pathsep`). A format a
command cannot print is said, and that command's default printed (`cliopts.FormatOption`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .cliopts import FORMAT_SETTING, LANGS
from .errors import InputError
from .problems import Problem, os_problem, problem, quote
from .render import REGISTRY
from .report import FAIL_ON

CHOICES = {
    "fail-on": FAIL_ON,
    "lang": LANGS,
    "format": tuple(REGISTRY),  # every registered format (render/); a command refuses one it cannot render
}
KEYS = (*CHOICES, "holidays")


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file with kefu-check settings, and those settings."""
    for folder in (start, *start.parents):
        for name in ("kefu-check.toml", "pyproject.toml"):
            path = folder / name
            if not os.path.isfile(path):
                continue
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (UnicodeDecodeError, OSError) as exc:
                raise InputError(str(path), None, _unreadable(exc)) from None
            if name == "pyproject.toml" and not _may_hold_our_table(text):
                continue  # another project's file: not ours to parse (nor to refuse)
            import tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise InputError(str(path), None, _unreadable(exc)) from None
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("kefu-check")
                if table is None:
                    continue
                return path, _settings(path, table, "tool.kefu-check.")
            return path, _settings(path, data, "")
    return None


def _may_hold_our_table(text: str) -> bool:
    """Whether a pyproject.toml can hold `[tool.kefu-check]`: a TOML key names it literally, or through an escape
    of a quoted key (a backslash). Without either, the file is not parsed (~5 ms of tomllib saved on every run)."""
    return "kefu-check" in text or "\\" in text


def _unreadable(exc: Exception) -> Problem:
    """Why a config file cannot be read: its TOML syntax (line and column), its encoding, or the system's reason."""
    import re

    if isinstance(exc, UnicodeDecodeError):
        return problem("not_utf8", byte=exc.start)
    if isinstance(exc, OSError):
        return os_problem(exc)
    at = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(exc))
    if at:
        return problem("invalid_toml_at", detail=at.group(1), line=int(at.group(2)), column=int(at.group(3)))
    return problem("invalid_toml", detail=exc)


def _settings(path: Path, table: Any, prefix: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise InputError(str(path), prefix.rstrip(".") or None, problem("expected_table"))
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise InputError(str(path), prefix + key, problem("unknown_key_known", known=", ".join(KEYS)))
        if key == "holidays":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(str(path), prefix + key, problem("expected_path_list"))
            out[key] = _holiday_files(path.parent / v for v in value)
        else:
            out[key] = _choice(value, key, str(path), prefix + key)
    return out


def _holiday_files(paths: Any) -> list[str]:
    """Holiday files as given, each folder replaced by its `*.json` files in name order (SPEC §8)."""
    out: list[str] = []
    for p in paths:
        out.extend([str(x) for x in sorted(p.glob("*.json")) if x.is_file()] if os.path.isdir(p) else [str(p)])
    return out


def _choice(value: Any, key: str, where: str, field: str | None) -> str:
    if value not in CHOICES[key]:
        raise InputError(where, field, problem("invalid_choice", given=quote(value), choices=", ".join(CHOICES[key])))
    return value


def from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in KEYS:
        name = "KEFU_CHECK_" + key.upper().replace("-", "_")
        value = env.get(name)
        if not value:
            continue
        if key == "holidays":
            out[key] = _holiday_files(Path(p) for p in value.split(os.pathsep) if p)
        else:
            out[key] = _choice(value, key, name, None)
    return out


def default_map(start: Path, env: Mapping[str, str], commands: Iterable[str]) -> dict[str, dict[str, Any]]:
    """click's default_map for each of `commands`: config, then environment over it (flags beat both)."""
    found = find_config(start)
    settings = {**(found[1] if found else {}), **from_environment(env)}
    params: dict[str, Any] = {}
    for key, value in settings.items():
        if key == "format":  # each command's --format decides whether it can print it (cliopts.FormatOption)
            where = "KEFU_CHECK_FORMAT" if env.get("KEFU_CHECK_FORMAT") else _config_key(found, "format")
            params[FORMAT_SETTING] = (value, where)
        else:
            params[key.replace("-", "_")] = value
    return {name: dict(params) for name in commands}


def _config_key(found: tuple[Path, dict[str, Any]] | None, key: str) -> str:
    """How a config file's setting is named in a message: `pyproject.toml: tool.kefu-check.format`."""
    assert found is not None
    path = found[0]
    return f"{path.name}: {'tool.kefu-check.' if path.name == 'pyproject.toml' else ''}{key}"
