"""Small charts as inline SVG strings: horizontal bars and a histogram. No library, no script.

Every label passes through html.escape; numbers are formatted here. The SVGs
carry a <title> and role="img" with an aria-label for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:12px"
MAX_LABEL_CHARS = 30
CHAR_PX = 7


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    color: str = "#4a6fa5"
    note: str = ""  # shown after the value, e.g. "(120 notes)"


def _short(label: str) -> str:
    label = label.replace("\n", " ")
    return label if len(label) <= MAX_LABEL_CHARS else label[:MAX_LABEL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def hbar_chart(bars: list[Bar], title: str, *, max_value: float | None = None, width: int = 720,
               bar_height: int = 22) -> str:
    """One bar per row: label on the left, bar, value (and note) on the right."""
    if not bars:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    label_w = min(MAX_LABEL_CHARS, max(len(_short(b.label)) for b in bars)) * CHAR_PX + 16
    value_w = max(len(_number(b.value) + (" " + b.note if b.note else "")) for b in bars) * CHAR_PX + 16
    plot_w = max(120, width - label_w - value_w)
    top = max((b.value for b in bars), default=0) if max_value is None else max_value
    top = top or 1
    gap = 6
    height = len(bars) * (bar_height + gap) + gap
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="{FONT}"><title>{escape(title)}</title>']
    for i, bar in enumerate(bars):
        y = gap + i * (bar_height + gap)
        w = max(0.0, min(1.0, bar.value / top)) * plot_w
        mid = y + bar_height / 2 + 4
        text = _number(bar.value) + (" " + bar.note if bar.note else "")
        parts.append(
            f'<text x="{label_w - 8}" y="{mid:.1f}" text-anchor="end" fill="#222">'
            f'<title>{escape(bar.label)}</title>{escape(_short(bar.label))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_height}" fill="#f0f2f5"/>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{escape(bar.color)}"/>'
            f'<text x="{label_w + plot_w + 8}" y="{mid:.1f}" fill="#222">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(bins: list[tuple[str, int]], title: str, *, width: int = 720, height: int = 240,
              colors: list[str] | None = None) -> str:
    """Vertical bars, one per bin, with its count above and its label below."""
    if not bins:
        return f'<p class="empty">{escape(title)}: nothing to show.</p>'
    left, bottom, top_pad = 40, 36, 22
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max(count for _label, count in bins) or 1
    slot = plot_w / len(bins)
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="{FONT}"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
             f'stroke="#888"/>']
    for i, (label, count) in enumerate(bins):
        h = count / top * plot_h
        x = left + i * slot + slot * 0.1
        y = top_pad + plot_h - h
        color = colors[i] if colors and i < len(colors) else "#4a6fa5"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.8:.1f}" height="{h:.1f}" fill="{escape(color)}">'
            f'<title>{escape(label)}: {count:,}</title></rect>'
            f'<text x="{x + slot * 0.4:.1f}" y="{y - 5:.1f}" text-anchor="middle" fill="#222">{count:,}</text>'
            f'<text x="{x + slot * 0.4:.1f}" y="{top_pad + plot_h + 16}" text-anchor="middle" '
            f'fill="#444">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
