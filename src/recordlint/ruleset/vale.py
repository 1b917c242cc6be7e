"""Vale rule files → recordlint rules.

A YAML file with a top-level `extends:` is a Vale rule. Its folder's name is
the pack (the Vale style) and the file's name the rule: `MyStyle/Jargon.yml`
becomes rule `MyStyle.Jargon` in pack `MyStyle`, category `mystyle`.

| Vale `extends:` | recordlint kind | fields carried over |
|---|---|---|
| existence    | existence   | tokens, raw, append, ignorecase, nonword, exceptions → exclude, action replace params → suggestions |
| substitution | substitution | swap, ignorecase, nonword, exceptions → exclude |
| occurrence   | occurrence  | token, max, min, scope, ignorecase |
| conditional  | conditional | first, second, ignorecase, exceptions → exclude |

`level` becomes the severity (suggestion → info, warning, error; default
suggestion), `message`'s `%s` become recordlint placeholders, `description`
and `link` are kept. Vale has no `unless`, so none applies. A Vale file may
carry recordlint `examples:` (Vale ignores the key). Other types, and
settings recordlint cannot honour (`POS`, `in`, markup scopes such as
`heading`), make the file a `Skip`: the loader warns in one line and goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recordlint.ruleset.schema import FieldError

TYPE_TO_KIND = {"existence": "existence", "substitution": "substitution", "occurrence": "occurrence",
                "conditional": "conditional"}  # recordlint's regex kinds share Vale's names
KNOWN_UNSUPPORTED = ("capitalization", "consistency", "metric", "readability", "repetition", "script",
                     "sequence", "spelling")
LEVELS = {"suggestion": "info", "warning": "warning", "error": "error"}

# Keys every Vale rule may have, and the ones each type adds: anything else is ignored with a warning.
_COMMON = {"extends", "message", "level", "description", "link", "scope", "limit", "action", "name",
           "code", "vocab", "examples", "ignorecase"}
_OWN = {
    "existence": {"tokens", "raw", "append", "nonword", "exceptions"},
    "substitution": {"swap", "nonword", "exceptions", "pos", "capitalize"},
    "occurrence": {"token", "max", "min"},
    "conditional": {"first", "second", "exceptions", "in"},
}
# Scopes that mean "the prose of the note" for a plain-text note; others name markup recordlint never sees.
_TEXT_SCOPES = {"text", "raw", "paragraph", "sentence", "summary", "body"}


@dataclass(frozen=True, slots=True)
class Skip:
    """A Vale rule recordlint cannot run; `reason` completes "skipped Vale rule X: ..."."""

    reason: str


@dataclass(frozen=True, slots=True)
class Translated:
    raw: dict[str, Any]  # a recordlint rule mapping, validated by the loader like any other
    renamed: dict[str, str]  # recordlint field → the Vale key it came from, for error messages
    ignored: tuple[str, ...]  # Vale keys recordlint does not know


def is_vale(data: Any) -> bool:
    return isinstance(data, dict) and "extends" in data


def _slug(name: str, fallback: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.")
    return cleaned or fallback


def pack_name(file: Path) -> str:
    return _slug(file.resolve().parent.name, "vale")


def rule_id(file: Path) -> str:
    return f"{pack_name(file)}.{_slug(file.stem, 'rule')}"


def category(pack: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", pack.lower()).strip("-")
    return slug if slug and slug[0].isalpha() else f"vale-{slug or 'style'}"


def convert_message(message: str, vale_type: str) -> str:
    """Vale's printf-style message → a recordlint template. Braces are escaped; `%s` become placeholders:
    for substitution the first is the replacement(s) and the second the match; elsewhere each is the match."""
    text = message.replace("{", "{{").replace("}", "}}")
    count = 0

    def placeholder(m: re.Match) -> str:
        nonlocal count
        if m.group(0) == "%%":
            return "%"
        count += 1
        if vale_type == "substitution" and count == 1:
            return "{suggestions}"
        return "{match}"

    return re.sub(r"%%|%\[\d+\]s|%s", placeholder, text)


def _scopes(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise FieldError("scope", "must be a scope name or a list of them")


def translate(data: dict[str, Any], rid: str, pack: str) -> Translated | Skip:
    """One Vale rule's mapping → a recordlint rule mapping, or Skip. Raises FieldError on a bad value."""
    vale_type = data.get("extends")
    if not isinstance(vale_type, str):
        raise FieldError("extends", "must name a Vale rule type, e.g. existence")
    if vale_type not in TYPE_TO_KIND:
        if vale_type in KNOWN_UNSUPPORTED:
            return Skip(f"Vale type '{vale_type}' is not supported "
                        f"(supported: {', '.join(TYPE_TO_KIND)})")
        return Skip(f"unknown Vale type '{vale_type}' (supported: {', '.join(TYPE_TO_KIND)})")
    keys = {str(k) for k in data}
    lower = {k.lower(): k for k in keys}
    if data.get(lower.get("pos", "pos")):
        return Skip("'POS' (part-of-speech filters) is not supported")
    if data.get("in"):
        return Skip("'in' (scopes defined by a Vale View) is not supported")
    if data.get("code") is True:
        return Skip("'code: true' (checking code) is not supported")
    scopes = [s for s in _scopes(data.get("scope")) if not s.startswith("~")]
    text_scopes = [s for s in scopes if s.split(".")[0] in _TEXT_SCOPES]
    if scopes and not text_scopes:
        return Skip(f"scope '{scopes[0]}' names markup that plain-text notes do not have")
    level = data.get("level", "suggestion")
    if level not in LEVELS:
        raise FieldError("level", f"must be one of {', '.join(LEVELS)}; got {level!r}")
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        raise FieldError("message", "is required (a Vale rule's message)")
    raw: dict[str, Any] = {
        "id": rid,
        "category": category(pack),
        "severity": LEVELS[level],
        "message": convert_message(message, vale_type),
        "kind": TYPE_TO_KIND[vale_type],
        "unless": [],
    }
    for key in ("description", "link", "examples"):
        if data.get(key) is not None:
            raw[key] = data[key]
    renamed: dict[str, str] = {}
    own = _OWN[vale_type]
    for key in own - {"exceptions", "pos", "capitalize", "in"}:
        if key in data:
            raw[key] = data[key]
    if "ignorecase" in data:
        raw["ignorecase"] = data["ignorecase"]
    if data.get("exceptions") is not None:
        raw["exclude"] = data["exceptions"]
        renamed["exclude"] = "exceptions"
    if vale_type == "existence":
        action = data.get("action")
        if isinstance(action, dict) and action.get("name") == "replace" and action.get("params"):
            raw["suggestions"] = action["params"]
            renamed["suggestions"] = "action"
    if vale_type == "occurrence":
        scope = text_scopes[0].split(".")[0] if text_scopes else "text"
        raw["scope"] = {"raw": "text", "summary": "text", "body": "text"}.get(scope, scope)
        renamed["scope"] = "scope"
    ignored = tuple(sorted(k for k in keys if k not in _COMMON and k.lower() not in own))
    return Translated(raw, renamed, ignored)
