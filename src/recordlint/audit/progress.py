"""The Rich progress bar on stderr: records done, records per second and time left when the total is known.

Off (a no-op) when stderr is not a terminal or with --quiet; the command decides.
"""

from __future__ import annotations


class NoProgress:
    def start(self) -> None:
        pass

    def advance(self, records: int) -> None:
        pass

    def stop(self) -> None:
        pass


class RichProgress(NoProgress):
    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class RateColumn(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text("… records/s" if speed is None else f"{speed:,.0f} records/s", style="cyan")

        class DoneColumn(ProgressColumn):
            def render(self, task) -> Text:
                return Text(f"{int(task.completed):,} records")

        columns = [TextColumn("[bold]auditing"), BarColumn()]
        columns += [MofNCompleteColumn()] if total is not None else [DoneColumn()]
        columns += [RateColumn(), TimeElapsedColumn()]
        if total is not None:
            columns.append(TimeRemainingColumn())
        self._progress = Progress(*columns, console=Console(stderr=True), transient=True, speed_estimate_period=10)
        self._task = self._progress.add_task("audit", total=total)

    def start(self) -> None:
        self._progress.start()

    def advance(self, records: int) -> None:
        self._progress.advance(self._task, records)

    def stop(self) -> None:
        self._progress.stop()


def make_progress(enabled: bool, total: int | None):
    return RichProgress(total) if enabled else NoProgress()
