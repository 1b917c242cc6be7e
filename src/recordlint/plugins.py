"""Rule packs and check kinds from installed packages, through two entry-point groups.

`recordlint.rules`: each entry point names a package (or a module) whose
folder holds YAML rule packs; every `*.yaml` / `*.yml` file at the top of that
folder is loaded like a `--rules` pack (subfolders hold data files):

    [project.entry-points."recordlint.rules"]
    my-team = "my_team_rules.packs"        # the folder of my_team_rules/packs/__init__.py

`recordlint.checks`: each entry point names a `Check` subclass as
`module:Class`, under the kind's own name (see engine/kinds/base.py):

    [project.entry-points."recordlint.checks"]
    long-sentence = "my_team_rules.checks:LongSentenceCheck"

Discovery reads package metadata only (importlib.metadata); a plugin's code is
imported when a pack is loaded from it or a rule uses its kind. Set
RECORDLINT_NO_PLUGINS=1 to ignore every plugin.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from recordlint.errors import RulePackError

RULES_GROUP = "recordlint.rules"
CHECKS_GROUP = "recordlint.checks"
DISABLE_ENV = "RECORDLINT_NO_PLUGINS"
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def plugins_enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "").strip().lower() in ("", "0", "false", "no")


def _entry_points(group: str) -> list[EntryPoint]:
    """The group's entry points, once each (a package on sys.path twice is seen once), sorted by name."""
    if not plugins_enabled():
        return []
    seen: set[tuple[str, str]] = set()
    out = []
    for ep in entry_points(group=group):
        if (ep.name, ep.value) not in seen:
            seen.add((ep.name, ep.value))
            out.append(ep)
    return sorted(out, key=lambda ep: (ep.name, ep.value))


def describe(ep: EntryPoint) -> str:
    """`plugin NAME (DIST VERSION)`: how errors and listings name a plugin."""
    dist = getattr(ep, "dist", None)
    owner = f" ({dist.name} {dist.version})" if dist is not None else ""
    return f"plugin {ep.name}{owner}"


@dataclass(frozen=True, slots=True)
class PluginPacks:
    """One `recordlint.rules` entry point: where its packs are."""

    name: str
    origin: str  # describe(ep)
    folder: Path


def rule_pack_folders() -> list[PluginPacks]:
    """The folder of every `recordlint.rules` entry point; a bad one is a RulePackError naming it."""
    found = []
    for ep in _entry_points(RULES_GROUP):
        origin = describe(ep)
        where = f"{origin}: entry point {RULES_GROUP} {ep.name} = {ep.value}"
        if not _MODULE.match(ep.value.strip()):
            raise RulePackError(where, "the value must name a package or module whose folder holds the YAML "
                                "packs, e.g. 'my_team_rules.packs' (no ':object')")
        try:
            spec = importlib.util.find_spec(ep.value.strip())
        except (ImportError, ValueError) as exc:
            raise RulePackError(where, f"cannot import: {exc}") from None
        if spec is None:
            raise RulePackError(where, f"no module named {ep.value.strip()!r}")
        if spec.submodule_search_locations:
            folder = Path(list(spec.submodule_search_locations)[0])
        elif spec.origin and spec.origin not in ("built-in", "frozen"):
            folder = Path(spec.origin).parent
        else:
            raise RulePackError(where, "the module has no folder on disk")
        if not folder.is_dir():
            raise RulePackError(where, f"{folder} is not a folder")
        found.append(PluginPacks(ep.name, origin, folder))
    return found


def check_entry_points() -> dict[str, EntryPoint]:
    """Kind name → entry point; two packages offering one name is an error naming both."""
    by_name: dict[str, EntryPoint] = {}
    for ep in _entry_points(CHECKS_GROUP):
        if ep.name in by_name and by_name[ep.name].value != ep.value:
            raise RulePackError(describe(ep), f"check kind {ep.name!r} is also provided by "
                                f"{describe(by_name[ep.name])} ({by_name[ep.name].value})")
        by_name[ep.name] = ep
    return by_name


def load_check(ep: EntryPoint):
    """Import a `recordlint.checks` entry point and check it is a proper Check class."""
    from recordlint.engine.kinds.base import Check

    origin = f"{describe(ep)}: entry point {CHECKS_GROUP} {ep.name} = {ep.value}"
    try:
        cls = ep.load()
    except Exception as exc:  # a plugin's import may fail in any way; report it in one line
        raise RulePackError(origin, f"cannot load: {type(exc).__name__}: {exc}") from None
    if not (isinstance(cls, type) and issubclass(cls, Check)):
        raise RulePackError(origin, "must name a subclass of recordlint.engine.kinds.Check")
    if cls.kind != ep.name:
        raise RulePackError(origin, f"the class's kind is {cls.kind!r}; it must equal the entry point name")
    if not isinstance(cls.fields, frozenset) or not all(isinstance(f, str) for f in cls.fields):
        raise RulePackError(origin, "the class's `fields` must be a frozenset of field names")
    return cls
