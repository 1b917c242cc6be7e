"""The Rich summary table printed at the end of an audit (stdout)."""

from __future__ import annotations

from pathlib import Path

from recordlint.audit.outputs import OUTPUT_FILES


def print_summary(summary: dict, output_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from recordlint.audit.html_report import category_color

    console = Console(highlight=False)
    table = Table(title="recordlint audit", title_justify="left", show_header=True, header_style="bold")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("records read", f"{summary['records_read']:,}")
    table.add_row("records checked", f"{summary['records_checked']:,}")
    table.add_row("records skipped", f"{summary['records_skipped']:,}",
                  style="yellow" if summary["records_skipped"] else None)
    table.add_row("words checked", f"{summary['words']:,}")
    table.add_row("findings", f"{summary['findings']:,}")
    for category, count in sorted(summary["by_category"].items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {category}", f"{count:,}", style=category_color(category))
    per_100 = summary.get("findings_per_100_words")
    table.add_row("findings per 100 words", "–" if per_100 is None else f"{per_100:.2f}")
    score = summary["score"]
    table.add_row("mean / median note score", f"{_n(score['mean'])} / {_n(score['median'])}")
    if summary.get("warnings_total"):
        table.add_row("records read with warnings", f"{summary['warnings_total']:,}")
    console.print(table)
    if not summary["audit"]["complete"]:
        console.print(Text(f"incomplete: {summary['audit']['stopped']}", style="yellow"))
    console.print(Text("outputs: " + ", ".join(str(output_dir / name) for name in OUTPUT_FILES)), soft_wrap=True)


def _n(value) -> str:
    return "–" if value is None else f"{value:g}"
