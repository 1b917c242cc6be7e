"""What a Dask worker runs: read one partition, check its records, and hand back plain data.

Nothing here imports Dask. A worker process builds the linter (spaCy pipeline
and compiled rules) once, on its first partition, and keeps it for every
later one (`LINTERS`, keyed by the linter options, so two audits with
different rules can share a cluster). A partition never raises: any failure
comes back as a `PartitionFailed` with a message that names the file and
holds no note text. (Dask logs the arguments of a task that raises, and
those can be rows of notes.) The records go back without their text: the
client needs only their ids, rows and groups.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass
from typing import Any

from recordlint.audit import worker
from recordlint.audit.model import Item, Read
from recordlint.audit.runner import BATCH_SIZE
from recordlint.audit.split import Partition, partition_items
from recordlint.errors import RecordlintError

LINTERS: dict[tuple, Any] = {}
BUILDS = [0]  # linters built in this process (tests check that it is one per worker)
_LOCK = threading.Lock()  # a spaCy pipeline is not shared between threads: one partition at a time
SHARED_FS_HINT = "with --scheduler, inputs must be at the same path on a filesystem every worker shares"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's records (text dropped) and, per record read, `(words, findings)` or `(None, reason)`."""

    items: list[Item]
    results: list[tuple[int | None, Any]]

    def __repr__(self) -> str:
        return f"PartitionResult({len(self.items)} records)"


@dataclass(frozen=True, slots=True)
class PartitionFailed:
    """Why a partition could not be read or checked: one line, naming the file, never its text."""

    message: str


def check_partition(source, part: Partition, linter_options: dict, no_text: bool
                    ) -> PartitionResult | PartitionFailed:
    """Read and check one partition of `source` (a prepared reader, as the client opened it)."""
    try:
        with _LOCK:
            return _check(source, part, linter_options, no_text)
    except RecordlintError as exc:
        return PartitionFailed(str(exc))
    except OSError as exc:
        return PartitionFailed(f"{source.path}: a worker cannot read it ({exc.strerror or type(exc).__name__}); "
                               f"{SHARED_FS_HINT}")
    except Exception as exc:  # a bug: say where, never with the note
        return PartitionFailed(f"internal error on a worker: {type(exc).__name__} in partition {part.number}")


def _check(source, part: Partition, linter_options: dict, no_text: bool) -> PartitionResult | PartitionFailed:
    worker.init(None, no_text, linter=linter_for(linter_options))
    if part.size is not None and os.stat(source.path).st_size != part.size:
        return PartitionFailed(f"{source.path}: changed while it was being audited (it was {part.size:,} bytes); "
                               "audit a copy that nothing writes to")
    items = list(partition_items(source, part))
    texts = [item.record.text for item in items if isinstance(item, Read)]
    results: list = []
    for start in range(0, len(texts), BATCH_SIZE):
        results.extend(worker.lint_batch(texts[start:start + BATCH_SIZE]))
    return PartitionResult([_without_text(item) for item in items], results)


def linter_for(options: dict):
    """This process's linter for `options`, built the first time they are seen."""
    key = tuple((name, tuple(value) if isinstance(value, (list, tuple)) else value)
                for name, value in sorted(options.items()))
    linter = LINTERS.get(key)
    if linter is None:
        os.environ.setdefault("RECORDLINT_NO_CACHE", "1")  # a worker writes nothing to disk
        from recordlint.api import build_linter

        linter = LINTERS[key] = build_linter(**options)
        BUILDS[0] += 1
    return linter


def _without_text(item: Item) -> Item:
    if isinstance(item, Read):
        return Read(dataclasses.replace(item.record, text="", original=None), item.warnings)
    return item


def probe(paths: list[str]) -> dict:
    """What a worker sees: its recordlint version, and each path's size (or why it cannot see it)."""
    from recordlint import __version__

    seen: dict[str, Any] = {}
    for path in paths:
        try:
            seen[path] = os.stat(path).st_size
        except OSError as exc:
            seen[path] = exc.strerror or type(exc).__name__
    return {"version": __version__, "paths": seen}
