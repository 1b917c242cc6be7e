"""Configuration files: discovery, strict validation, and where each value came from.

Looked for from the checked path upward to the repository root (the folder
holding `.git`): `recordlint.yaml`, `.recordlint.yaml`, or `[tool.recordlint]`
in `pyproject.toml`; the first folder holding one wins. Command-line options
override the file. Unknown keys and wrong types are errors naming the file
and the key: nothing is ignored silently.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from recordlint.errors import RecordlintError
from recordlint.findings import FAIL_ON, SEVERITY_NAMES
from recordlint.ruleset.schema import FieldError, as_str_list

CONFIG_NAMES = ("recordlint.yaml", ".recordlint.yaml", "pyproject.toml")
DEFAULT_SOURCE = "default"
CLI_SOURCE = "command line"


class ConfigError(RecordlintError):
    """A bad configuration file."""


@dataclass(slots=True)
class Settings:
    """The effective configuration. `sources` maps each key to where its value came from."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    rules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    model: str | None = None
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: Path | None = None  # the config file, if any
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def effective_select(self) -> tuple[str, ...]:
        if not self.select and not self.extend_select:
            return ()
        return (self.select or ("ALL",)) + self.extend_select

    def is_excluded(self, path: str) -> bool:
        return any(_glob_match(path, pattern, self.root) for pattern in self.exclude)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        return tuple(rule for pattern, rules in self.per_file_ignores.items()
                     if _glob_match(path, pattern, self.root) for rule in rules)

    def label(self, key: str) -> str:
        """Where a key's value came from, for error messages: `--select` or `recordlint.yaml: key 'select'`."""
        source = self.sources.get(key.split(".")[0], DEFAULT_SOURCE)
        if source in (CLI_SOURCE, DEFAULT_SOURCE):
            return f"--{key.split('.')[0]}"
        return f"{source}: key '{key}'"

    def selectors_by_key(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every rule selector the settings hold, keyed for error messages."""
        out = [("select", self.select), ("extend-select", self.extend_select), ("ignore", self.ignore)]
        out += [(f"severity.{k}", (k,)) for k in self.severity]
        out += [(f"per-file-ignores.{glob}", rules) for glob, rules in self.per_file_ignores.items()]
        return out

    def engine_key(self) -> tuple:
        """Settings that change which linter is built; files sharing them share one linter."""
        return (self.rules, self.effective_select(), self.ignore, tuple(sorted(self.severity.items())), self.model)

    def as_dict(self) -> dict[str, Any]:
        return {
            "select": list(self.select), "extend-select": list(self.extend_select), "ignore": list(self.ignore),
            "severity": dict(self.severity), "fail-on": self.fail_on, "rules": list(self.rules),
            "exclude": list(self.exclude), "model": self.model,
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
        }


# key in the file → (attribute, validator)
def _strs(value: Any, key: str, file: str) -> tuple[str, ...]:
    try:
        return as_str_list(value, key)
    except FieldError:
        raise ConfigError(f"{file}: key '{key}' must be a list of strings") from None


def _severity_map(value: Any, key: str, file: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ConfigError(f"{file}: key '{key}' must map rule ids or categories to a severity")
    for rule, level in value.items():
        if level not in SEVERITY_NAMES:
            raise ConfigError(f"{file}: key '{key}.{rule}' must be one of {', '.join(SEVERITY_NAMES)}; got {level!r}")
    return dict(value)


def _fail_on(value: Any, key: str, file: str) -> str:
    if value not in FAIL_ON:
        raise ConfigError(f"{file}: key '{key}' must be one of {', '.join(FAIL_ON)}; got {value!r}")
    return value


def _model(value: Any, key: str, file: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{file}: key '{key}' must be the name of an installed spaCy pipeline")
    return value


def _per_file(value: Any, key: str, file: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: key '{key}' must map file globs to lists of rules")
    return {str(glob): _strs(rules, f"{key}.{glob}", file) for glob, rules in value.items()}


KEYS = {
    "select": ("select", _strs),
    "extend-select": ("extend_select", _strs),
    "ignore": ("ignore", _strs),
    "severity": ("severity", _severity_map),
    "fail-on": ("fail_on", _fail_on),
    "rules": ("rules", _strs),
    "exclude": ("exclude", _strs),
    "model": ("model", _model),
    "per-file-ignores": ("per_file_ignores", _per_file),
}


def find_config(start: Path) -> Path | None:
    """The nearest config file from `start` upward, stopping at the repository root."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "recordlint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # let loading report the broken file


def _read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML ({exc})") from None


def read_config(path: Path) -> dict[str, Any]:
    """The raw mapping of a config file, validated for unknown keys."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    if path.name == "pyproject.toml":
        data = _read_toml(path).get("tool", {}).get("recordlint", {})
    else:
        from recordlint.ruleset.loader import RulePackError, read_yaml

        try:
            data = read_yaml(path)
        except RulePackError as exc:
            raise ConfigError(str(exc)) from None
        data = {} if data is None else data
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config file must be a mapping of keys to values")
    for key in data:
        if key not in KEYS:
            line = _line_of_key(path, str(key))
            where = f"{path}:{line}" if line else str(path)
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {', '.join(KEYS)})")
    return data


def _line_of_key(path: Path, key: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*[:=]", line):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return None


def resolve(cli: dict[str, Any], *, config: str | None = None, isolated: bool = False,
            start: Path | None = None) -> Settings:
    """Defaults ← config file ← command line. `cli` holds only options the user gave."""
    settings = Settings(sources={key: DEFAULT_SOURCE for key in KEYS})
    path = None
    if config and not isolated:
        path = Path(config)
    elif not isolated:
        path = find_config(start or Path.cwd())
    if path is not None:
        data = read_config(path)
        settings.path = path
        for key, value in data.items():
            attr, validate = KEYS[key]
            line = _line_of_key(path, key)
            value = validate(value, key, f"{path}:{line}" if line else str(path))
            if key == "rules":
                value = tuple(str((path.parent / p)) for p in value)
            setattr(settings, attr, value)
            settings.sources[key] = str(path)
    for key, value in cli.items():
        attr = KEYS[key][0]
        setattr(settings, attr, value)
        settings.sources[key] = CLI_SOURCE
    return settings


class SettingsResolver:
    """Settings per checked file: the nearest config above each file wins, as in ruff.

    `--config` or `--isolated` give every file the same settings. Results are
    cached per folder, and equal settings are the same object, so callers can
    group files by them.
    """

    def __init__(self, cli: dict[str, Any], config: str | None = None, isolated: bool = False) -> None:
        self.cli, self.config, self.isolated = cli, config, isolated
        self._by_file: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        self._fixed = (config is not None) or isolated

    def for_path(self, path: str) -> Settings:
        if self._fixed:
            return self._settings(None)
        target = Path.cwd() if path == "-" else Path(path).resolve()
        folder = target if target.is_dir() else target.parent
        if not folder.exists():
            folder = Path.cwd()
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder)
        return self._settings(self._by_folder[folder])

    def _settings(self, config_file: Path | None) -> Settings:
        if config_file not in self._by_file:
            if self._fixed:
                self._by_file[config_file] = resolve(self.cli, config=self.config, isolated=self.isolated)
            else:
                self._by_file[config_file] = resolve(self.cli, config=str(config_file) if config_file else None,
                                                     isolated=config_file is None)
        return self._by_file[config_file]


def _glob_match(path: str, pattern: str, root: Path) -> bool:
    """Match a path against a glob relative to the config folder; a bare name matches at any depth."""
    if path == "-":
        return False
    try:
        rel = PurePosixPath(Path(path).resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        rel = PurePosixPath(Path(path).as_posix())
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(str(rel), pattern) or fnmatch.fnmatch(str(rel), pattern + "/*"):
        return True
    if "/" not in pattern:
        return any(fnmatch.fnmatch(part, pattern) for part in rel.parts)
    return False
