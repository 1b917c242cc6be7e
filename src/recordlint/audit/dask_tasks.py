"""What a Dask worker runs: read one partition, check its records, write its rows, total it up.

Nothing here imports Dask. A worker process builds the linter (spaCy pipeline
and compiled rules) once, on its first partition, and keeps it for every
later one (`recordlint.api.shared_linter`, keyed by the linter options, so two
audits with different rules can share a cluster). Each partition comes back as its rows of
findings.csv and records.csv (as text) and its own `Totals`; the client
appends and merges them in partition order, so its work per partition does
not grow with the records in it. A partition never raises: any failure comes
back as a `PartitionFailed` with a message that names the file and holds no
note text. (Dask logs the arguments of a task that raises, and those can be
rows of notes.)
"""

from __future__ import annotations

import itertools
import os
import threading
from dataclasses import dataclass
from typing import Any

from recordlint.api import shared_linter
from recordlint.audit import worker
from recordlint.audit.aggregate import Totals
from recordlint.audit.collect import Collector
from recordlint.audit.outputs import CsvChunk
from recordlint.audit.runner import batches
from recordlint.audit.split import Partition, partition_items
from recordlint.errors import RecordlintError

_LOCK = threading.Lock()  # a spaCy pipeline is not shared between threads: one partition at a time
SHARED_FS_HINT = "with --scheduler, inputs must be at the same path on a filesystem every worker shares"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """A partition's rows of findings.csv and records.csv (no headers), and its totals."""

    rows: tuple[str, str]
    totals: Totals

    def __repr__(self) -> str:
        return f"PartitionResult({self.totals.records_read} records)"


@dataclass(frozen=True, slots=True)
class PartitionFailed:
    """Why a partition could not be read or checked: one line, naming the file, never its text."""

    message: str


def check_partition(source, part: Partition, linter_options: dict, no_text: bool, max_records: int | None = None
                    ) -> PartitionResult | PartitionFailed:
    """Read and check one partition of `source` (a prepared reader, as the client opened it): all of
    its records, or the first `max_records`."""
    try:
        with _LOCK:
            return _check(source, part, linter_options, no_text, max_records)
    except RecordlintError as exc:
        return PartitionFailed(str(exc))
    except OSError as exc:
        return PartitionFailed(f"{source.path}: a worker cannot read it ({exc.strerror or type(exc).__name__}); "
                               f"{SHARED_FS_HINT}")
    except Exception as exc:  # a bug: say where, never with the note
        return PartitionFailed(f"internal error on a worker: {type(exc).__name__} in partition {part.number}")


def _check(source, part: Partition, linter_options: dict, no_text: bool, max_records: int | None
           ) -> PartitionResult | PartitionFailed:
    linter = shared_linter(**linter_options)  # built on this worker's first partition, then reused
    worker.init(None, no_text, linter=linter)
    if part.size is not None and os.stat(source.path).st_size != part.size:
        return PartitionFailed(f"{source.path}: changed while it was being audited (it was {part.size:,} bytes); "
                               "audit a copy that nothing writes to")
    group_by = source.options.group_by
    rows = CsvChunk(group_by, sorted({rule.category for rule in linter.rules}))
    totals = Totals(group_by, [(source.path, source.format)], capped=False)
    collector = Collector(rows, totals)
    items = itertools.islice(partition_items(source, part), max_records)
    for batch in batches((0, item) for item in items):
        collector.add(batch.items, worker.lint_batch(batch.texts) if batch.texts else [])
    return PartitionResult(rows.texts(), totals)


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
