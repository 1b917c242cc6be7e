"""The list of skipped records, which summary.json gives in full, kept in bounded memory.

The first IN_MEMORY entries stay in memory. Once `spill_to` names a file (the
audit puts it in its output folder), later entries go there as JSON Lines.
`len()` and iteration cover every entry, in order, so `json.dump` (which,
with `indent`, walks lists by iterating them) streams the whole list into
summary.json. Slicing gives the entries held in memory: the report shows
only the first few. An entry holds a source, row, id and reason, never note
text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

IN_MEMORY = 10_000


class SkippedList(list):
    """Skipped-record entries (dicts) in order; see the module docstring."""

    def __init__(self, entries: Iterable[dict] = ()) -> None:
        super().__init__(entries)
        self.spilled = 0
        self._spill_path: Path | None = None
        self._spill = None

    def spill_to(self, path: Path) -> None:
        self._spill_path = path

    def append(self, entry: dict) -> None:
        if self._spill_path is None or super().__len__() < IN_MEMORY:
            super().append(entry)
            return
        if self._spill is None:
            self._spill = open(self._spill_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self._spill.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.spilled += 1

    def extend(self, entries: Iterable[dict]) -> None:
        for entry in entries:
            self.append(entry)

    def __len__(self) -> int:
        return super().__len__() + self.spilled

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[dict]:
        yield from super().__iter__()
        if self.spilled:
            self._spill.flush()
            with open(self._spill_path, encoding="utf-8") as handle:
                for line in handle:
                    yield json.loads(line)

    def close(self) -> None:
        """Remove the spill file; afterwards only the entries held in memory remain."""
        if self._spill is not None:
            self._spill.close()
            self._spill_path.unlink(missing_ok=True)
            self._spill = None
            self.spilled = 0

    def __reduce__(self):  # a partition's list travels to the client as a plain list of entries
        return (SkippedList, (list(super().__iter__()),))
