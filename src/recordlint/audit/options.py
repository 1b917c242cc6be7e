"""The settings of one audit, gathered from the command line into one value."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

DEFAULT_OUTPUT_DIR = "recordlint-audit"
DEFAULT_PARTITION_BYTES = 2 * 1024 * 1024
DEFAULT_TEXT_COLUMNS = ("note", "text", "body", "narrative", "case_note")


@dataclass(frozen=True)
class AuditOptions:
    inputs: tuple[str, ...]
    text_column: str | None = None
    id_column: str | None = None
    group_by: tuple[str, ...] = ()
    delimiter: str | None = None
    sheet: str | None = None
    jobs: int = 1
    output_dir: str = DEFAULT_OUTPUT_DIR
    no_text: bool = False
    limit: int | None = None
    model: str | None = None
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, prefix or category, severity) overrides
    settings: Any = None  # the resolved config (recordlint.config.Settings); when set, it decides the rules
    fail_on: str | None = None  # exit 1 when the audit completes with findings at or above this severity
    quiet: bool = False
    progress: bool = False  # the command turns it on when stderr is a terminal and not --quiet
    engine: str = "local"  # "local" (worker processes of our own) or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None starts a LocalCluster of `jobs` workers
    partition_bytes: int = DEFAULT_PARTITION_BYTES  # --engine dask: the size each input is split into

    def linter_options(self) -> dict:
        """What `recordlint.api.build_linter` takes (from the resolved config when there is one)."""
        settings = self.settings
        if settings is None:
            chosen = {"model": self.model, "rules": self.rules, "select": self.select, "ignore": self.ignore,
                      "severity": dict(self.severity)}
        else:
            chosen = {"model": settings.model, "rules": tuple(settings.rules), "select": settings.effective_select(),
                      "ignore": tuple(settings.ignore), "severity": dict(settings.severity)}
        # Absolute, so that workers started elsewhere (a Dask cluster) find the same packs
        chosen["rules"] = tuple(os.path.abspath(path) for path in chosen["rules"])
        return chosen
