"""Running totals, kept while results stream past: counts, groups, scores and the notes to look at first.

Nothing here grows with the number of records checked. The list of skipped
records (which the summary must list in full) keeps its first entries in
memory and, in an audit, the rest in a file (see `skipped`). A partition checked on
a cluster keeps totals of its own, and `merge` adds them in partition order. The per-value group
tables grow with the number of distinct values, up to MAX_GROUP_VALUES per
column; values after that are pooled as "(other values)".
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from recordlint.audit.model import Checked, Skipped
from recordlint.audit.skipped import SkippedList

LOWEST_NOTES = 20
MAX_FINDINGS_PER_NOTE_SHOWN = 40
MAX_WARNINGS_LISTED = 1000
SCORE_BINS = tuple((low, low + 9 if low < 90 else 100) for low in range(0, 100, 10))
BLANK_GROUP = "(blank)"
OTHER_GROUP = "(other values)"
MAX_GROUP_VALUES = 10_000  # per --group-by column; later new values are pooled, so memory stays bounded


@dataclass(slots=True)
class GroupStats:
    records: int = 0
    words: int = 0
    findings: int = 0
    score_sum: int = 0
    by_category: Counter = field(default_factory=Counter)

    def add(self, checked: Checked, categories: Counter) -> None:
        self.records += 1
        self.words += checked.words
        self.findings += len(checked.findings)
        self.score_sum += checked.score
        self.by_category.update(categories)

    def merge(self, other: "GroupStats") -> None:
        self.records += other.records
        self.words += other.words
        self.findings += other.findings
        self.score_sum += other.score_sum
        self.by_category.update(other.by_category)

    def to_dict(self) -> dict:
        return {
            "records": self.records,
            "words": self.words,
            "findings": self.findings,
            "findings_per_100_words": _per_100(self.findings, self.words),
            "by_category": dict(sorted(self.by_category.items())),
            "mean_score": round(self.score_sum / self.records, 1) if self.records else None,
        }


@dataclass(slots=True)
class InputStats:
    path: str
    format: str
    records_read: int = 0
    records_checked: int = 0
    records_skipped: int = 0

    def to_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "records_read": self.records_read,
                "records_checked": self.records_checked, "records_skipped": self.records_skipped}


class Totals:
    """The totals of an audit, or of one partition of it (see `merge`).

    Each --group-by table is capped at MAX_GROUP_VALUES values, unless not
    `capped`: a partition's totals are capped when merged, so the cap falls
    where a single pass would put it.
    """

    def __init__(self, group_names: tuple[str, ...], inputs: list[tuple[str, str]], capped: bool = True) -> None:
        self.group_names = group_names
        self.capped = capped
        self.inputs = [InputStats(path, fmt) for path, fmt in inputs]
        self.records_read = 0
        self.records_checked = 0
        self.records_skipped = 0
        self.words = 0
        self.findings = 0
        self.by_category: Counter = Counter()
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.records_with_findings = 0
        self.score_counts = [0] * 101
        self.score_sum = 0
        self.by_group: dict[str, dict[str, GroupStats]] = {name: {} for name in group_names}
        self.skipped = SkippedList()
        self.warnings: list[dict] = []
        self.warnings_total = 0
        self._lowest: list[tuple] = []  # heap: the kept note with the highest (score, -findings, seq) on top
        self._seq = 0

    # --- adding --------------------------------------------------------------

    def add_skipped(self, item: Skipped, input_index: int) -> None:
        self.records_read += 1
        self.records_skipped += 1
        stats = self.inputs[input_index]
        stats.records_read += 1
        stats.records_skipped += 1
        self.skipped.append(item.to_dict())

    def add_checked(self, checked: Checked, input_index: int) -> None:
        self.records_read += 1
        self.records_checked += 1
        stats = self.inputs[input_index]
        stats.records_read += 1
        stats.records_checked += 1
        record = checked.record
        self.words += checked.words
        self.findings += len(checked.findings)
        categories: Counter = Counter()
        for finding in checked.findings:
            rule, category, severity = finding[0], finding[1], finding[2]
            categories[category] += 1
            self.by_rule[rule] += 1
            self.by_severity[severity] += 1
        self.by_category.update(categories)
        if checked.findings:
            self.records_with_findings += 1
        self.score_counts[checked.score] += 1
        self.score_sum += checked.score
        for name, value in record.fields:
            groups = self.by_group.get(name)
            if groups is not None:
                groups.setdefault(self._group_key(groups, value or BLANK_GROUP), GroupStats()).add(checked, categories)
        for warning in checked.read.warnings:
            self.warnings_total += 1
            if len(self.warnings) < MAX_WARNINGS_LISTED:
                self.warnings.append({"source": record.path, "row": record.row, "id": record.id,
                                      "warning": warning})
        self._keep_if_low(checked)

    def _group_key(self, groups: dict, key: str) -> str:
        if self.capped and key not in groups and len(groups) >= MAX_GROUP_VALUES:
            return OTHER_GROUP
        return key

    def merge(self, part: "Totals", input_index: int) -> None:
        """Add the totals of the next partition (of input `input_index`), as if its records came one by one."""
        self.records_read += part.records_read
        self.records_checked += part.records_checked
        self.records_skipped += part.records_skipped
        stats, theirs = self.inputs[input_index], part.inputs[0]
        stats.records_read += theirs.records_read
        stats.records_checked += theirs.records_checked
        stats.records_skipped += theirs.records_skipped
        self.words += part.words
        self.findings += part.findings
        self.by_category.update(part.by_category)
        self.by_severity.update(part.by_severity)
        self.by_rule.update(part.by_rule)
        self.records_with_findings += part.records_with_findings
        self.score_counts = [a + b for a, b in zip(self.score_counts, part.score_counts)]
        self.score_sum += part.score_sum
        for name, values in part.by_group.items():
            groups = self.by_group[name]
            for value, group in values.items():  # in the order the partition first saw them
                groups.setdefault(self._group_key(groups, value), GroupStats()).merge(group)
        self.skipped.extend(part.skipped)
        self.warnings_total += part.warnings_total
        self.warnings.extend(part.warnings[:MAX_WARNINGS_LISTED - len(self.warnings)])
        for (score, count, seq), digest in part._lowest:
            self._offer((score, count, seq - self._seq), digest)  # seq is negated: later records sort lower
        self._seq += part._seq

    def _keep_if_low(self, checked: Checked) -> None:
        self._seq += 1
        if not checked.findings:
            return  # a note with nothing found is never one to look at first
        key = (-checked.score, len(checked.findings), -self._seq)  # larger key = lower score = look first
        if len(self._lowest) >= LOWEST_NOTES and key <= self._lowest[0][0]:
            return
        record = checked.record
        digest = {
            "id": record.id, "source": record.path, "row": record.row,
            "groups": dict(record.fields), "score": checked.score, "words": checked.words,
            "findings_count": len(checked.findings),
            "findings": [
                {"rule": f[0], "category": f[1], "severity": f[2], "line": f[3], "column": f[4],
                 "text": f[7], "message": f[8], "suggestion": f[9]}
                for f in checked.findings[:MAX_FINDINGS_PER_NOTE_SHOWN]
            ],
        }
        self._offer(key, digest)

    def _offer(self, key: tuple, digest: dict) -> None:
        if len(self._lowest) < LOWEST_NOTES:
            heapq.heappush(self._lowest, (key, digest))
        elif key > self._lowest[0][0]:
            heapq.heapreplace(self._lowest, (key, digest))

    # --- reading -------------------------------------------------------------

    def lowest(self) -> list[dict]:
        """The lowest-scoring notes, lowest first (ties: more findings first, then input order)."""
        return [digest for _key, digest in sorted(self._lowest, key=lambda kd: kd[0], reverse=True)]

    def mean_score(self) -> float | None:
        return round(self.score_sum / self.records_checked, 1) if self.records_checked else None

    def median_score(self) -> float | None:
        n = self.records_checked
        if not n:
            return None
        def nth(k: int) -> int:  # the k-th smallest score, 0-based
            seen = 0
            for score, count in enumerate(self.score_counts):
                seen += count
                if seen > k:
                    return score
            return 100
        return (nth((n - 1) // 2) + nth(n // 2)) / 2

    def score_distribution(self) -> list[dict]:
        return [{"from": low, "to": high, "records": sum(self.score_counts[low:high + 1])}
                for low, high in SCORE_BINS]

    def findings_per_100_words(self) -> float | None:
        return _per_100(self.findings, self.words)


def _per_100(findings: int, words: int) -> float | None:
    return round(100 * findings / words, 2) if words else None
