"""`--format text`: a Rich report a practitioner can read at a glance.

For each note: its lines with problem spans highlighted per category, a
numbered list of findings with suggestions, and once per rule a line on why
it matters. A summary closes the run. Rich drops colour when stdout is not a
terminal (or with --no-color / NO_COLOR) and wraps to the terminal width.
"""

from __future__ import annotations

import re

from recordlint.findings import FileReport, Finding, Report
from recordlint.reporters.base import Reporter

CATEGORY_STYLES = {
    "jargon": "bold magenta",
    "vagueness": "bold yellow",
    "opinion-as-fact": "bold red",
    "voice": "bold cyan",
    "information-sharing": "bold blue",
    "person-centred": "bold green",
    "personal-data": "bold bright_red",
}
FALLBACK_STYLE = "bold underline"
MAX_LINES_SHOWN_WHOLE = 40


def style_for(category: str) -> str:
    return CATEGORY_STYLES.get(category, FALLBACK_STYLE)


class TextReporter(Reporter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from rich.console import Console

        self.console = Console(
            file=_TrimmedLines(self.stream),
            force_terminal=True if self.color else None,
            no_color=self.color is False,
            color_system="auto" if self.color is not False else None,
            highlight=False,
            soft_wrap=False,
        )

    def file(self, report: FileReport) -> None:
        from rich.text import Text

        if not report.findings:
            if not self.quiet:
                self.console.print(Text.assemble((_display(report.path), "bold"), ": no findings"))
            return
        if self.quiet:
            for f in report.findings:
                self.console.print(_one_line(report.path, f))
            return
        console = self.console
        console.print()
        console.rule(Text(f"{_display(report.path)} · {len(report.findings)} finding(s)", style="bold"),
                     align="left")
        self._print_lines(report)
        console.print()
        from rich.table import Table

        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column()
        for number, f in enumerate(report.findings, 1):
            line = Text.assemble((f.category, style_for(f.category)), " ", (f.rule, "dim"), " ", f.message)
            if f.suggestions:
                line.append(" → ", "dim")
                line.append(" / ".join(f.suggestions), "green")
            table.add_row(f"{number}.", f"{f.line}:{f.column}", line)
        console.print(table)
        fired = []
        for f in report.findings:
            if f.rule not in fired:
                fired.append(f.rule)
        whys = [(rid, self.rules[rid].why) for rid in fired if rid in self.rules and self.rules[rid].why]
        if whys:
            console.print()
            console.print(Text("Why it matters", style="bold"))
            for rid, why in whys:
                console.print(Text.assemble(("  • ", "dim"), (rid, "dim"), ": ", why))

    def _print_lines(self, report: FileReport) -> None:
        from rich.text import Text

        from rich.table import Table

        text = report.record.display_text
        lines = text.split("\n")
        if len(lines) > 1 and not lines[-1]:
            lines.pop()  # the final line break does not start a line
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        flagged = {f.line for f in report.findings if f.end > f.start}
        show_all = len(lines) <= MAX_LINES_SHOWN_WHOLE
        width = len(str(len(lines)))
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="dim", no_wrap=True)
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        previous = 0
        for number, (start, line) in enumerate(zip(starts, lines), 1):
            if not show_all and number not in flagged:
                continue
            if not show_all and previous and number > previous + 1:
                table.add_row("…", "", "")
            previous = number
            styled = Text(line)
            end = start + len(line)
            for f in report.findings:
                if f.end > f.start and f.start < end and f.end > start:
                    styled.stylize(style_for(f.category), max(f.start, start) - start, min(f.end, end) - start)
            table.add_row(f"{number:>{width}}", "│", styled)
        self.console.print(table)

    def finish(self, report: Report) -> None:
        from rich.text import Text

        if self.quiet:
            return
        for notice in report.notices:
            self.console.print(Text(f"note: {notice}", style="dim"))
        total = sum(len(f.findings) for f in report.files)
        files = len(report.files)
        summary = Text("\n")
        summary.append(f"{total} finding(s) in {files} note(s)", style="bold")
        counts = report.by_category()
        if counts:
            summary.append(": ")
            for i, (category, n) in enumerate(counts.items()):
                if i:
                    summary.append(", ")
                summary.append(f"{category} {n}", style=style_for(category))
        self.console.print(summary)
        self.console.file.flush()


class _TrimmedLines:
    """A file wrapper that drops the trailing spaces Rich pads table cells with."""

    _TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")

    def __init__(self, stream) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        for line in lines:
            self.stream.write(self._TRAILING.sub(r"\1", line) + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return getattr(self.stream, "isatty", lambda: False)()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", "utf-8")


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _one_line(path: str, f: Finding):
    from rich.text import Text

    line = Text.assemble(f"{_display(path)}:{f.line}:{f.column}: ", (f.category, style_for(f.category)),
                         f" {f.rule} {f.message}")
    if f.suggestions:
        line.append(" → " + " / ".join(f.suggestions))
    return line
