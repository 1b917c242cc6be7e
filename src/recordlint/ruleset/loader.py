"""Find, read and validate rule packs into a RuleSet.

Packs are YAML files with `pack:` and `rules:`; a file (or a pack) may also
carry `context:` cues. Files are read with `yaml.safe_load` only, aliases are
refused (a "billion laughs" file cannot balloon), and every error names the
file, the YAML line, the rule and the field.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from recordlint.errors import RulePackError
from recordlint.findings import SEVERITY_NAMES, Severity
from recordlint.ruleset import vale
from recordlint.ruleset.schema import (
    COMMON_FIELDS, REQUIREMENTS, UNLESS_CONDITIONS, FieldError, MatchSpec, PackInfo, Rule,
    as_choice, as_examples, as_formats, as_match_spec, as_selectors, as_str, as_str_list,
)
from recordlint.ruleset.cache import cached_parse
from recordlint.ruleset.vale import is_vale

MAX_YAML_BYTES = 10 * 1024 * 1024
# libyaml's build of SafeLoader when present: the same safe subset as yaml.safe_load, ~10x faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACK_KEYS = frozenset({"pack", "description", "sources", "lexicons", "rules", "context", "version",
                       "extend", "disable", "formats"})
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
    pack_info: dict[str, PackInfo] = field(default_factory=dict)  # file → what the pack says about itself
    disabled: dict[str, str] = field(default_factory=dict)  # rule id → "file:line" of the pack that disabled it
    warnings: list[str] = field(default_factory=list)  # one line each, also passed to `warn`

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
        data = cached_parse(text, lambda t: _safe_load(t, str(path)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError(str(path), f"invalid YAML: {problem}",
                            line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise RulePackError(str(path), "YAML nested too deeply") from None
    return data


def _safe_load(text: str, source: str) -> Any:
    data = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a SafeLoader, never the full Loader
    _refuse_aliases(data, source)  # before caching, so an aliased file is never cached
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


def _default_warn(message: str) -> None:
    sys.stderr.write(f"recordlint: warning: {message}\n")


def load_ruleset(extra: list[str] | tuple[str, ...] = (), *, builtin: bool = True, plugins: bool | None = None,
                 warn: Callable[[str], None] | None = None,
                 errors: list[RulePackError] | None = None) -> RuleSet:
    """Load packs: the built-in ones (unless `builtin=False`), those of installed plugins
    (`plugins`, default: as `builtin`), then the extra pack files or folders, in that order.
    `extend:` and `disable:` apply once every pack is loaded.

    `warn` receives one-line warnings (a Vale rule skipped; default: stderr). With an
    `errors` list, a bad file or rule is recorded there and skipped instead of raised,
    so that `rules test` can list every broken rule.
    """
    from recordlint.engine.kinds import kinds

    loader = _Loader(kinds(), warn or _default_warn, errors)
    if builtin:
        loader.load_path(builtin_rules_dir(), "built-in")
    if builtin if plugins is None else plugins:
        from recordlint.plugins import rule_pack_folders

        try:
            folders = rule_pack_folders()
        except RulePackError as exc:
            loader.fail(exc)
            folders = []
        for plugin in folders:
            loader.load_path(plugin.folder, plugin.origin)
    for path in extra:
        loader.load_path(Path(path), "--rules")
    loader.finish()
    return loader.ruleset


@dataclass(slots=True)
class _Source:
    """What a rule was parsed from, kept so `extend:` can re-validate it with changes."""

    raw: dict[str, Any]
    env: Any  # ParseEnv
    pack: str
    rule: Rule
    fields_from: dict[str, str] = field(default_factory=dict)  # field → "file:line" of the extend that set it


@dataclass(slots=True)
class _Edits:
    file: Path
    text: str
    pack: str
    lexicons: dict[str, list[str]]
    disable: Any = None
    extend: Any = None


class _Loader:
    def __init__(self, available, warn: Callable[[str], None], errors: list[RulePackError] | None) -> None:
        self.available = available
        self.warn = warn
        self.errors = errors
        self.ruleset = RuleSet()
        self.origin: dict[str, str] = {}  # rule id → "file:line"
        self.sources: dict[str, _Source] = {}
        self.loaded: set[Path] = set()
        self.edits: list[_Edits] = []
        self.pack_formats: dict[str, tuple[str, ...]] = {}  # pack file → its `formats:` (default of its rules)

    def fail(self, exc: RulePackError) -> None:
        if self.errors is None:
            raise exc
        self.errors.append(exc)

    def load_path(self, base: Path, origin: str) -> None:
        try:
            files = pack_files(base)
        except RulePackError as exc:
            self.fail(exc)
            return
        for file in files:
            resolved = file.resolve()
            if resolved in self.loaded:  # the same pack named twice (e.g. --rules rules/): load it once
                continue
            self.loaded.add(resolved)
            try:
                self.load_file(file, origin)
            except RulePackError as exc:
                self.fail(exc)

    # --- one file ------------------------------------------------------------
    def load_file(self, file: Path, origin: str) -> None:
        source = str(file)
        data = read_yaml(file)
        if is_vale(data):
            self.load_vale(file, data, origin)
            return
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
            _merge_cues(self.ruleset.cues, data["context"], source, lexicons)
        edits = {"rules", "extend", "disable"} & set(data)
        if not edits:
            if "context" not in data:
                raise RulePackError(source, "a rule pack needs 'rules:', 'extend:' or 'disable:' "
                                    "(or 'context:' for a cue file)")
            return
        pack = data.get("pack")
        if not isinstance(pack, str) or not _ID.match(pack):
            raise RulePackError(source, "must name the pack, e.g. 'pack: team-north'", field="pack",
                                line=_line_of_text(text, r"pack\s*:"))
        try:
            self.pack_formats[source] = as_formats(data.get("formats"), "formats")
        except FieldError as exc:
            raise RulePackError(source, str(exc), field="formats",
                                line=_line_of_text(text, r"formats\s*:")) from None
        rules = data.get("rules", [])
        if not isinstance(rules, list):
            raise RulePackError(source, "must be a list of rules", field="rules",
                                line=_line_of_text(text, r"rules\s*:"))
        self.ruleset.packs.append((pack, source))
        self.ruleset.pack_info[source] = PackInfo(
            pack, source, origin, "recordlint", _plain(data.get("description")), _sources(data.get("sources")))
        if "extend" in data or "disable" in data:
            self.edits.append(_Edits(file, text, pack, lexicons, data.get("disable"), data.get("extend")))
        from recordlint.engine.kinds import ParseEnv

        env = ParseEnv(lexicons, file.parent, lambda name: _load_data(file, name))
        for index, raw in enumerate(rules):
            try:
                self.add(self._parse_rule(raw, index, pack, file, text, env), raw, env, pack)
            except RulePackError as exc:
                self.fail(exc)

    def add(self, rule: Rule, raw: dict[str, Any], env, pack: str) -> None:
        if rule.id in self.origin:
            raise RulePackError(rule.path, f"duplicate rule id; already defined in {self.origin[rule.id]}",
                                rule=rule.id, line=rule.line)
        self.origin[rule.id] = f"{rule.path}:{rule.line}" if rule.line else rule.path
        self.sources[rule.id] = _Source(raw, env, pack, rule)
        self.ruleset.rules.append(rule)

    def _parse_rule(self, raw: Any, index: int, pack: str, file: Path, text: str, env) -> Rule:
        source = str(file)
        if not isinstance(raw, dict):
            raise RulePackError(source, f"rule #{index + 1} must be a mapping")
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not _ID.match(rule_id):
            raise RulePackError(source, f"rule #{index + 1} needs an 'id' of letters, digits, '.', '-' or '_'",
                                field="id")
        line = _line_of_text(text, rf"-?\s*id\s*:\s*['\"]?{re.escape(rule_id)}['\"]?\s*(#.*)?")

        def fail(field_name: str, message: str) -> RulePackError:
            top = _top(field_name)
            field_line = _line_of_text(text, rf"-?\s*{re.escape(top)}\s*:", after=line) if line else None
            return RulePackError(source, message, rule=rule_id, field=field_name, line=field_line or line)

        return self.build(raw, rule_id, pack, source, line, env, fail)

    def build(self, raw: dict[str, Any], rule_id: str, pack: str, source: str, line: int | None, env,
              fail: Callable[[str, str], RulePackError]) -> Rule:
        """Validate one rule mapping into a Rule; `fail(field, message)` makes the error."""
        from recordlint.engine.kinds import BUILTIN_KINDS, ParseEnv

        kind_name = raw.get("kind")
        if kind_name not in self.available:
            raise fail("kind", f"must be one of {', '.join(self.available)}; got {kind_name!r}")
        try:
            kind = self.available[kind_name]
        except RulePackError as exc:
            raise fail("kind", f"check kind {kind_name!r} cannot be used: {exc}") from None
        unknown = set(raw) - COMMON_FIELDS - kind.fields
        if unknown:
            name = sorted(map(str, unknown))[0]
            allowed = ", ".join(sorted(kind.fields)) or "none"
            raise fail(name, f"is not a field of a '{kind_name}' rule (its own fields: {allowed})")
        used: list[str] = []

        def load_data(name: str) -> Any:
            used.append(str(env.base_dir / name))
            return env.load_data(name)

        tracked = ParseEnv(env.lexicons, env.base_dir, load_data)
        try:
            category = as_str(raw.get("category"), "category", required=True)
            if not _CATEGORY.match(category):
                raise FieldError("category", "must be lower-case words joined by '-', e.g. opinion-as-fact")
            try:
                options = kind.parse(raw, tracked)
            except (FieldError, RulePackError):
                raise
            except Exception as exc:  # a plugin kind's parse may fail in any way; never a traceback
                if kind_name in BUILTIN_KINDS:
                    raise
                raise FieldError("kind", f"check kind {kind_name!r} failed to read the rule: "
                                 f"{type(exc).__name__}: {exc}") from None
            if not isinstance(options, dict):
                raise FieldError("kind", f"check kind {kind_name!r}: parse() must return a dict")
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
                supersedes=as_selectors(raw.get("supersedes"), "supersedes"),
                defers_to=as_selectors(raw.get("defers_to"), "defers_to"),
                formats=(as_formats(raw["formats"], "formats") if "formats" in raw
                         else self.pack_formats.get(source, ())),
                options=options,
                data_files=tuple(dict.fromkeys(used)),
            )
            _check_message(rule.message)
        except FieldError as exc:
            raise fail(exc.field, str(exc)) from None
        return rule

    # --- Vale ----------------------------------------------------------------
    def load_vale(self, file: Path, data: dict[str, Any], origin: str) -> None:
        from recordlint.engine.kinds import ParseEnv

        source = str(file)
        text = file.read_text(encoding="utf-8-sig")
        pack, rule_id = vale.pack_name(file), vale.rule_id(file)
        renamed: dict[str, str] = {}

        def fail(field_name: str, message: str) -> RulePackError:
            top = _top(field_name)
            vale_field = renamed.get(top, top)
            shown = vale_field + field_name[len(top):] if vale_field != top else field_name
            line = _line_of_text(text, rf"{re.escape(vale_field)}\s*:") or _line_of_text(text, r"extends\s*:")
            return RulePackError(source, message, rule=rule_id, field=shown, line=line)

        try:
            result = vale.translate(data, rule_id, pack)
        except FieldError as exc:
            raise fail(exc.field, str(exc)) from None
        if source not in self.ruleset.pack_info:
            self.ruleset.pack_info[source] = PackInfo(pack, source, origin, "vale")
            self.ruleset.packs.append((pack, source))
        if isinstance(result, vale.Skip):
            self._warn(f"{source}: skipped Vale rule {rule_id}: {result.reason}")
            return
        renamed.update(result.renamed)
        for key in result.ignored:
            self._warn(f"{source}: Vale rule {rule_id}: ignored unknown key '{key}'")
        env = ParseEnv({}, file.parent, lambda name: _load_data(file, name))
        line = _line_of_text(text, r"extends\s*:")
        rule = self.build(result.raw, rule_id, pack, source, line, env, fail)
        self.add(rule, result.raw, env, pack)

    def _warn(self, message: str) -> None:
        self.ruleset.warnings.append(message)
        self.warn(message)

    # --- extend and disable, once every pack is in ----------------------------
    def finish(self) -> None:
        disabled: dict[str, str] = {}
        for edits in self.edits:
            try:
                disabled.update(self._disables(edits))
            except RulePackError as exc:
                self.fail(exc)
        if disabled:
            self.ruleset.rules = [r for r in self.ruleset.rules if r.id not in disabled]
            self.ruleset.disabled.update(disabled)
        for edits in self.edits:
            if edits.extend is None:
                continue
            source = str(edits.file)
            key_line = _line_of_text(edits.text, r"extend\s*:")
            if not isinstance(edits.extend, dict):
                self.fail(RulePackError(source, "must map rule ids to the fields to change, e.g. "
                                        "{jargon.plain-english: {severity: error}}", field="extend", line=key_line))
                continue
            for rule_id, changes in edits.extend.items():
                try:
                    self._extend(edits, str(rule_id), changes, key_line, disabled)
                except RulePackError as exc:
                    self.fail(exc)

    def _disables(self, edits: _Edits) -> dict[str, str]:
        if edits.disable is None:
            return {}
        source = str(edits.file)
        key_line = _line_of_text(edits.text, r"disable\s*:")
        try:
            ids = as_str_list(edits.disable, "disable")
        except FieldError:
            raise RulePackError(source, "must be a list of rule ids", field="disable", line=key_line) from None
        out = {}
        for rule_id in ids:
            line = _line_of_word(edits.text, rule_id, key_line) or key_line
            if rule_id not in self.origin:
                raise RulePackError(source, "no rule with this id to disable", rule=rule_id, field="disable",
                                    line=line)
            out[rule_id] = f"{source}:{line}" if line else source
        return out

    def _extend(self, edits: _Edits, rule_id: str, changes: Any, key_line: int | None,
                disabled: dict[str, str]) -> None:
        from recordlint.engine.kinds import ParseEnv

        source = str(edits.file)
        line = _line_of_text(edits.text, rf"['\"]?{re.escape(rule_id)}['\"]?\s*:", after=key_line) or key_line
        where = f"{source}:{line}" if line else source
        if rule_id in disabled:
            return  # disabled by some pack: changing it would have no effect
        if rule_id not in self.sources:
            raise RulePackError(source, "no rule with this id to extend", rule=rule_id, field="extend", line=line)
        if not isinstance(changes, dict) or not changes:
            raise RulePackError(source, "must map field names to new values", rule=rule_id, field="extend",
                                line=line)

        def fail(field_name: str, message: str) -> RulePackError:
            field_line = _line_of_text(edits.text, rf"-?\s*{re.escape(_top(field_name))}\s*:", after=line)
            return RulePackError(source, message, rule=rule_id, field=field_name, line=field_line or line)

        original = self.sources[rule_id]
        for name in changes:
            if name in ("id", "kind"):
                raise fail(str(name), "cannot be changed by extend; disable the rule and write a new one")
            if name in original.fields_from:
                raise fail(str(name), f"is already changed by {original.fields_from[name]}")
        merged = {**original.raw, **changes}
        base_env = original.env
        names = _strings(changes)
        lexicons = {**base_env.lexicons, **edits.lexicons}

        def load_data(name: str) -> Any:
            if name in names:
                return _load_data(edits.file, name)
            return base_env.load_data(name)

        env = ParseEnv(lexicons, base_env.base_dir, load_data)
        old = original.rule
        rule = self.build(merged, rule_id, old.pack, old.path, old.line, env, fail)
        rule = replace(rule, extended_by=old.extended_by + (where,))
        index = next(i for i, r in enumerate(self.ruleset.rules) if r.id == rule_id)
        self.ruleset.rules[index] = rule
        original.raw, original.env, original.rule = merged, env, rule
        original.fields_from.update({str(name): where for name in changes})


def _top(field_name: str) -> str:
    return field_name.split(".")[0].split("[")[0]


def _strings(obj: Any) -> set[str]:
    if isinstance(obj, str):
        return {obj}
    if isinstance(obj, dict):
        return set().union(*(_strings(v) for v in obj.values())) if obj else set()
    if isinstance(obj, list):
        return set().union(*(_strings(v) for v in obj)) if obj else set()
    return set()


def _plain(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _sources(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), str(v)) for k, v in value.items())


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


def _line_of_word(text: str, word: str, after: int | None) -> int | None:
    """The first line at or after `after` holding `word` as a whole item (a list entry)."""
    regex = re.compile(rf"(^|[\s\[,'\"-]){re.escape(word)}($|[\s\],'\"#])")
    for number, line in enumerate(text.splitlines(), 1):
        if after is not None and number < after:
            continue
        if regex.search(line.split("#", 1)[0] + " "):
            return number
    return None


def _line_of_text(text: str, pattern: str, after: int | None = None) -> int | None:
    regex = re.compile(rf"^\s*{pattern}\s*$" if pattern.endswith(")?") else rf"^\s*{pattern}")
    for number, line in enumerate(text.splitlines(), 1):
        if after is not None and number < after:
            continue
        if regex.match(line):
            return number
    return None
