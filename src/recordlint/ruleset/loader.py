"""Find, read and validate rule packs into a RuleSet.

Packs are YAML files with `pack:` and `rules:`; a file (or a pack) may also
carry `context:` cues. Files are read with `yaml.safe_load` only, aliases are
refused (a "billion laughs" file cannot balloon), and every error names the
file, the YAML line, the rule and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from recordlint.errors import RulePackError
from recordlint.findings import SEVERITY_NAMES, Severity
from recordlint.ruleset.schema import (
    COMMON_FIELDS, REQUIREMENTS, UNLESS_CONDITIONS, FieldError, MatchSpec, Rule,
    as_choice, as_examples, as_match_spec, as_str, as_str_list,
)

MAX_YAML_BYTES = 10 * 1024 * 1024
# libyaml's build of SafeLoader when present: the same safe subset as yaml.safe_load, ~10x faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACK_KEYS = frozenset({"pack", "description", "sources", "lexicons", "rules", "context", "version"})
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_CATEGORY = re.compile(r"^[a-z][a-z0-9-]*$")


def builtin_rules_dir() -> Path:
    """The packs shipped with recordlint: inside the wheel, or `rules/` in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


@dataclass(slots=True)
class RuleSet:
    """Validated rules and context cues from every pack loaded."""

    rules: list[Rule] = field(default_factory=list)
    cues: dict[str, list[MatchSpec]] = field(default_factory=dict)
    packs: list[tuple[str, str]] = field(default_factory=list)  # (pack name, file)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def read_yaml(path: Path) -> Any:
    """Load one YAML file safely; raise RulePackError naming the file and line."""
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise RulePackError(str(path), f"larger than {MAX_YAML_BYTES // (1024 * 1024)} MB; refusing to load")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RulePackError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(str(path), f"cannot read: {exc}") from None
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a SafeLoader, never the full Loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError(str(path), f"invalid YAML: {problem}",
                            line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise RulePackError(str(path), "YAML nested too deeply") from None
    _refuse_aliases(data, str(path))
    return data


def _refuse_aliases(data: Any, source: str) -> None:
    """safe_load shares aliased objects; seeing one twice means an alias. Linear, never recursive."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                raise RulePackError(source, "YAML aliases (*name) are not allowed in rule packs")
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


def pack_files(path: Path) -> list[Path]:
    """A pack file, or the *.yaml/*.yml files at the top of a folder (data files live in subfolders)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise RulePackError(str(path), "no such rule pack file or folder")
    return [path]


def load_ruleset(extra: list[str] | tuple[str, ...] = (), *, builtin: bool = True) -> RuleSet:
    """Load the built-in packs (unless `builtin=False`) and any extra pack files or folders."""
    from recordlint.engine.kinds import kinds

    available = kinds()
    ruleset = RuleSet()
    origin: dict[str, str] = {}
    paths = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in extra]
    for base in paths:
        for file in pack_files(base):
            _load_file(file, ruleset, origin, available)
    return ruleset


def _load_file(file: Path, ruleset: RuleSet, origin: dict[str, str], available) -> None:
    source = str(file)
    data = read_yaml(file)
    if not isinstance(data, dict):
        raise RulePackError(source, "a rule pack must be a mapping with 'pack:' and 'rules:'")
    unknown = set(data) - PACK_KEYS
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise RulePackError(source, f"unknown top-level key (expected {', '.join(sorted(PACK_KEYS))})",
                            field=key, line=_line_of(file, rf"{re.escape(key)}\s*:"))
    text = file.read_text(encoding="utf-8-sig")
    lexicons = _lexicons(data.get("lexicons"), source)
    if "context" in data:
        _merge_cues(ruleset.cues, data["context"], source, lexicons)
    if "rules" not in data:
        if "context" not in data:
            raise RulePackError(source, "a rule pack needs 'rules:' (or 'context:' for a cue file)")
        return
    pack = data.get("pack")
    if not isinstance(pack, str) or not _ID.match(pack):
        raise RulePackError(source, "must name the pack, e.g. 'pack: team-north'", field="pack")
    rules = data["rules"]
    if not isinstance(rules, list):
        raise RulePackError(source, "must be a list of rules", field="rules")
    ruleset.packs.append((pack, source))
    from recordlint.engine.kinds import ParseEnv

    env = ParseEnv(lexicons, file.parent, lambda name: _load_data(file, name))
    for index, raw in enumerate(rules):
        rule = _parse_rule(raw, index, pack, file, text, env, available)
        if rule.id in origin:
            raise RulePackError(source, f"duplicate rule id; already defined in {origin[rule.id]}",
                                rule=rule.id, line=rule.line)
        origin[rule.id] = f"{source}:{rule.line}" if rule.line else source
        ruleset.rules.append(rule)


def _parse_rule(raw: Any, index: int, pack: str, file: Path, text: str, env, available) -> Rule:
    source = str(file)
    if not isinstance(raw, dict):
        raise RulePackError(source, f"rule #{index + 1} must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RulePackError(source, f"rule #{index + 1} needs an 'id' of letters, digits, '.', '-' or '_'",
                            field="id")
    line = _line_of_text(text, rf"-?\s*id\s*:\s*['\"]?{re.escape(rule_id)}['\"]?\s*(#.*)?")

    def fail(field_name: str, message: str) -> RulePackError:
        top = field_name.split(".")[0].split("[")[0]
        field_line = _line_of_text(text, rf"-?\s*{re.escape(top)}\s*:", after=line) if line else None
        return RulePackError(source, message, rule=rule_id, field=field_name, line=field_line or line)

    kind_name = raw.get("kind")
    if kind_name not in available:
        raise fail("kind", f"must be one of {', '.join(sorted(available))}; got {kind_name!r}")
    kind = available[kind_name]
    unknown = set(raw) - COMMON_FIELDS - kind.fields
    if unknown:
        name = sorted(map(str, unknown))[0]
        allowed = ", ".join(sorted(kind.fields)) or "none"
        raise fail(name, f"is not a field of a '{kind_name}' rule (its own fields: {allowed})")
    try:
        category = as_str(raw.get("category"), "category", required=True)
        if not _CATEGORY.match(category):
            raise FieldError("category", "must be lower-case words joined by '-', e.g. opinion-as-fact")
        rule = Rule(
            id=rule_id,
            category=category,
            severity=Severity.parse(as_choice(raw.get("severity"), "severity", SEVERITY_NAMES, "warning")),
            message=as_str(raw.get("message"), "message", required=True),
            kind=kind_name,
            pack=pack,
            path=source,
            line=line,
            why=as_str(raw.get("why"), "why"),
            link=as_str(raw.get("link"), "link"),
            description=as_str(raw.get("description"), "description"),
            unless=_choices(raw.get("unless", ["quoted"]), "unless", UNLESS_CONDITIONS),
            requires=_choices(raw.get("requires"), "requires", REQUIREMENTS),
            exceptions=as_match_spec(raw.get("exceptions"), "exceptions", env.lexicons),
            examples=as_examples(raw.get("examples")),
            options=kind.parse(raw, env),
        )
        _check_message(rule.message)
    except FieldError as exc:
        raise fail(exc.field, str(exc)) from None
    except RulePackError:
        raise
    return rule


def _check_message(message: str) -> None:
    try:
        message.format_map(_Placeholders())
    except (ValueError, IndexError) as exc:
        raise FieldError("message", f"bad placeholder: {exc}") from None


class _Placeholders(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _choices(value: Any, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    items = as_str_list(value, name)
    for item in items:
        if item not in allowed:
            raise FieldError(name, f"unknown value {item!r}; expected any of {', '.join(allowed)}")
    return items


def _lexicons(value: Any, source: str) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RulePackError(source, "must map names to lists of words", field="lexicons")
    out = {}
    for name, words in value.items():
        try:
            out[str(name)] = list(as_str_list(words, f"lexicons.{name}"))
        except FieldError as exc:
            raise RulePackError(source, str(exc), field=exc.field) from None
    return out


def _merge_cues(cues: dict[str, list[MatchSpec]], value: Any, source: str, lexicons) -> None:
    from recordlint.engine.context import CUE_NAMES

    if not isinstance(value, dict):
        raise RulePackError(source, "must map cue names to phrases/patterns", field="context")
    for name, spec in value.items():
        if name not in CUE_NAMES:
            raise RulePackError(source, f"unknown cue; expected one of {', '.join(CUE_NAMES)}",
                                field=f"context.{name}")
        specs = spec if isinstance(spec, list) and spec and isinstance(spec[0], dict) else [spec]
        try:
            cues.setdefault(name, []).extend(as_match_spec(s, f"context.{name}", lexicons) for s in specs)
        except FieldError as exc:
            raise RulePackError(source, str(exc), field=exc.field) from None


def _load_data(pack_file: Path, name: str) -> Any:
    base = pack_file.parent.resolve()
    path = (base / name).resolve()
    if base not in path.parents:
        raise FieldError("data", f"{name} must be inside the pack's folder")
    return read_yaml(path)


def _line_of(file: Path, pattern: str) -> int | None:
    try:
        return _line_of_text(file.read_text(encoding="utf-8-sig"), pattern)
    except OSError:
        return None


def _line_of_text(text: str, pattern: str, after: int | None = None) -> int | None:
    regex = re.compile(rf"^\s*{pattern}\s*$" if pattern.endswith(")?") else rf"^\s*{pattern}")
    for number, line in enumerate(text.splitlines(), 1):
        if after is not None and number < after:
            continue
        if regex.match(line):
            return number
    return None
