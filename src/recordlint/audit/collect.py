"""Where checked records go: their rows of findings.csv and records.csv, and the running totals.

The same code takes a local audit's batches in the main process and, on a
cluster's worker, the records of one partition (whose rows and totals are
then appended and merged, in partition order, by the client).
"""

from __future__ import annotations

from collections.abc import Iterable

from recordlint.audit.aggregate import Totals
from recordlint.audit.model import Checked, Item, Skipped
from recordlint.audit.outputs import CsvRows
from recordlint.audit.score import note_score


class Collector:
    def __init__(self, rows: CsvRows, totals: Totals) -> None:
        self.rows = rows
        self.totals = totals

    def add(self, items: Iterable[tuple[int, Item]], results: list) -> None:
        """Items as `(input index, item)`, with one result per `Read` among them, in order."""
        totals = self.totals
        results_iter = iter(results)
        for tag, item in items:
            if isinstance(item, Skipped):
                totals.add_skipped(item, tag)
                continue
            words, payload = next(results_iter)
            if words is None:  # checking this one note failed: skip it with the reason
                record = item.record
                totals.add_skipped(Skipped(record.path, record.row, record.id, payload), tag)
                continue
            checked = Checked(item, words, payload, note_score(words, payload))
            self.rows.write(checked)
            totals.add_checked(checked, tag)
