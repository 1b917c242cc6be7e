"""A cache of parsed rule-pack YAML, as JSON keyed by the file's content hash.

Parsing the built-in packs' YAML is a tenth of a single-note check; reading
the same data as JSON costs a sixth of that. Only rule-pack data is cached,
never note text. The cache lives in `$XDG_CACHE_HOME/recordlint` (or
`~/.cache/recordlint`); set `RECORDLINT_NO_CACHE=1` to turn it off. Any
problem with the cache means a normal YAML parse, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

_MISSING = object()


NO_CACHE_ENV = "RECORDLINT_NO_CACHE"


@contextlib.contextmanager
def no_pack_cache():
    """While active, packs are parsed afresh and nothing is written to the cache (an audit's promise)."""
    previous = os.environ.get(NO_CACHE_ENV)
    os.environ[NO_CACHE_ENV] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(NO_CACHE_ENV, None)
        else:
            os.environ[NO_CACHE_ENV] = previous


def _folder() -> Path | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "recordlint" / "packs"


def cached_parse(text: str, parse: Callable[[str], Any]) -> Any:
    """`parse(text)`, served from the cache when the same text was parsed before."""
    folder = _folder()
    if folder is None:
        return parse(text)
    key = hashlib.sha256(f"{sys.version_info[:2]}\x00{text}".encode()).hexdigest()
    entry = folder / f"{key}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(text)
    try:
        encoded = json.dumps(data, ensure_ascii=False)
        if json.loads(encoded) == data:  # only data JSON keeps exactly (no dates, no int keys)
            folder.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(encoded, encoding="utf-8")
            os.replace(tmp, entry)
    except (OSError, TypeError, ValueError):
        pass
    return data
