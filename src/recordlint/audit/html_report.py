"""report.html: one self-contained page, rendered from the summary alone.

Inline CSS, charts as inline SVG (svg.py), no script, no image, no font and no
style sheet from anywhere: the file loads nothing. Every value from the export
or the rule packs passes through html.escape. The only links are the rule
packs' own `link:` fields, shown as plain anchors (http and https only).
"""

from __future__ import annotations

from html import escape

from recordlint.audit.svg import Bar, hbar_chart, histogram

CATEGORY_COLORS = {
    "jargon": "#8e44ad",
    "vagueness": "#b9770e",
    "opinion-as-fact": "#c0392b",
    "voice": "#117a8b",
    "information-sharing": "#2e86c1",
    "person-centred": "#239b56",
    "personal-data": "#e74c3c",
}
PALETTE = ("#5d6d7e", "#7d3c98", "#1e8449", "#a04000", "#2874a6", "#b03a2e")
TOP_RULES = 15
GROUP_VALUES_SHOWN = 25
SKIPPED_SHOWN = 500
WARNINGS_SHOWN = 100

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid #d8dee4;padding-bottom:4px}
h3{font-size:16px;margin:20px 0 6px}
.sub{color:#57606a;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:10px 14px;min-width:130px}
.card .n{font-size:24px;font-weight:600}.card .l{color:#57606a;font-size:13px}
.banner{background:#fff4e5;border:1px solid #f0b429;border-radius:6px;padding:10px 14px;margin:12px 0}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px;margin:8px 0}
th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.num,th.num{text-align:right;white-space:nowrap}
.cat{display:inline-block;padding:0 6px;border-radius:4px;color:#fff;font-size:12px;white-space:nowrap}
.note{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:8px 12px;margin:10px 0}
.note h3{margin:0 0 6px}.muted{color:#57606a}.empty{color:#57606a;font-style:italic}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
svg.chart{max-width:100%;height:auto;display:block;margin:8px 0}
footer{color:#57606a;font-size:12px;margin-top:32px}
"""


def category_color(category: str) -> str:
    if category in CATEGORY_COLORS:
        return CATEGORY_COLORS[category]
    return PALETTE[sum(map(ord, category)) % len(PALETTE)]


def _e(value) -> str:
    return escape("" if value is None else str(value))


def _n(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}"


def _cat(category: str) -> str:
    return f'<span class="cat" style="background:{category_color(category)}">{_e(category)}</span>'


def _where(source, row) -> str:
    return _e(source) + (f":{_e(row)}" if row is not None else "")


def render(summary: dict) -> str:
    s = summary
    audit = s.get("audit", {})
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>recordlint audit · {_e(s.get('started', ''))}</title>",
        f"<style>{CSS}</style></head><body><main>",
        "<h1>Recording audit</h1>",
        f'<p class="sub">{_n(s["records_read"])} record(s) from {_e(", ".join(i["path"] for i in s["inputs"]))}'
        f' · {_e(s.get("started", ""))} · recordlint {_e(s.get("recordlint_version", ""))}</p>',
    ]
    if not audit.get("complete", True):
        parts.append(f'<div class="banner"><strong>Incomplete audit:</strong> {_e(audit.get("stopped"))}. '
                     f"These figures cover the {_n(s['records_read'])} record(s) read before it stopped.</div>")
    if audit.get("no_text"):
        parts.append('<div class="banner">Run with <code>--no-text</code>: no note text or matched text is '
                     "shown; words taken from notes are replaced by …</div>")
    parts += _headline(s)
    parts += _categories(s)
    parts += _groups(s)
    parts += _rules(s)
    parts += _scores(s)
    parts += _lowest(s)
    parts += _skipped(s)
    parts += _about(s)
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _headline(s: dict) -> list[str]:
    checked = s["records_checked"]
    with_findings = s.get("records_with_findings", 0)
    share = f"{100 * with_findings / checked:.0f}%" if checked else "–"
    cards = [
        ("records read", _n(s["records_read"])),
        ("checked", _n(checked)),
        ("skipped", _n(s["records_skipped"])),
        ("findings", _n(s["findings"])),
        ("findings per 100 words", _n(s.get("findings_per_100_words"))),
        ("notes with findings", share),
        ("mean score", _n(s["score"].get("mean"))),
        ("median score", _n(s["score"].get("median"))),
    ]
    out = ['<h2 id="headline">Headline figures</h2>', '<div class="cards">']
    out += [f'<div class="card"><div class="n">{value}</div><div class="l">{_e(label)}</div></div>'
            for label, value in cards]
    out.append("</div>")
    out.append(f'<p class="muted">records read = checked + skipped: {_n(s["records_read"])} = {_n(checked)} + '
               f'{_n(s["records_skipped"])}. {_n(s.get("words"))} words checked.</p>')
    return out


def _categories(s: dict) -> list[str]:
    bars = [Bar(cat, n, category_color(cat)) for cat, n in sorted(s["by_category"].items(), key=lambda kv: -kv[1])]
    return ['<h2 id="categories">Findings by category</h2>',
            hbar_chart(bars, "Findings per category")]


def _groups(s: dict) -> list[str]:
    out = []
    categories = sorted(s["by_category"])
    for name, values in s.get("by_group", {}).items():
        out.append(f'<h2 id="group-{_e(name)}">By {_e(name)}</h2>')
        ranked = sorted(values.items(), key=lambda kv: (-kv[1]["records"], kv[0]))
        shown = ranked[:GROUP_VALUES_SHOWN]
        bars = [Bar(value, stats["mean_score"] or 0, "#4a6fa5", f"({_n(stats['records'])} notes)")
                for value, stats in shown]
        out.append(f'<p class="muted">Mean note score (0–100) per {_e(name)}; higher is better.</p>')
        out.append(hbar_chart(bars, f"Mean note score by {name}", max_value=100))
        if len(ranked) > len(shown):
            out.append(f'<p class="muted">Showing the {len(shown)} values with the most notes of '
                       f"{len(ranked)}; summary.json has them all.</p>")
        head = "".join(f'<th class="num">{_e(c)}</th>' for c in categories)
        out.append(f'<table><tr><th>{_e(name)}</th><th class="num">notes</th><th class="num">findings</th>{head}'
                   '<th class="num">per 100 words</th><th class="num">mean score</th></tr>')
        for value, stats in shown:
            cells = "".join(f'<td class="num">{_n(stats["by_category"].get(c, 0))}</td>' for c in categories)
            out.append(f'<tr><td>{_e(value)}</td><td class="num">{_n(stats["records"])}</td>'
                       f'<td class="num">{_n(stats["findings"])}</td>{cells}'
                       f'<td class="num">{_n(stats["findings_per_100_words"])}</td>'
                       f'<td class="num">{_n(stats["mean_score"])}</td></tr>')
        out.append("</table>")
    return out


def _rules(s: dict) -> list[str]:
    meta = s.get("rules", {})
    top = sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    out = ['<h2 id="rules">Top rules, and why they matter</h2>']
    if not top:
        return out + ['<p class="empty">No findings.</p>']
    out.append('<table><tr><th>rule</th><th>category</th><th class="num">findings</th><th>why it matters</th></tr>')
    for rule_id, count in top:
        info = meta.get(rule_id, {})
        why = _e(info.get("why") or info.get("description") or "")
        link = info.get("link") or ""
        if link.startswith(("https://", "http://")):
            why += f' <a href="{_e(link)}" rel="noreferrer noopener">more</a>'
        out.append(f'<tr><td><code>{_e(rule_id)}</code></td><td>{_cat(info.get("category", ""))}</td>'
                   f'<td class="num">{_n(count)}</td><td>{why}</td></tr>')
    out.append("</table>")
    return out


def _scores(s: dict) -> list[str]:
    bins = [(f"{b['from']}–{b['to']}", b["records"]) for b in s["score"]["distribution"]]
    colors = ["#c0392b", "#c0392b", "#d35400", "#d35400", "#b9770e", "#b9770e", "#7d8c2e", "#4a8f3a",
              "#2e7d32", "#1b5e20"]
    return ['<h2 id="scores">Distribution of note scores</h2>',
            f'<p class="muted">{_e(s["score"].get("formula", ""))}</p>',
            histogram(bins, "Notes per score band", colors=colors)]


def _lowest(s: dict) -> list[str]:
    notes = s.get("lowest_scoring", [])
    no_text = s.get("audit", {}).get("no_text", False)
    out = [f'<h2 id="lowest">The {len(notes)} lowest-scoring notes: look at these first</h2>']
    if not notes:
        return out + ['<p class="empty">No notes were checked.</p>']
    for note in notes:
        groups = " · ".join(f"{_e(k)}: {_e(v)}" for k, v in note.get("groups", {}).items())
        out.append('<div class="note">')
        out.append(f'<h3>{_e(note["id"])} <span class="muted">· score {_n(note["score"])} · '
                   f'{_n(note["findings_count"])} finding(s) in {_n(note["words"])} words</span></h3>')
        out.append(f'<div class="muted">{_where(note["source"], note["row"])}'
                   f'{" · " + groups if groups else ""}</div>')
        if note["findings"]:
            text_head = "" if no_text else "<th>text</th>"
            out.append(f"<table><tr><th>line:col</th><th>category</th><th>rule</th>{text_head}"
                       "<th>message</th><th>suggestion</th></tr>")
            for f in note["findings"]:
                text_cell = "" if no_text else f"<td>{_e(f['text'])}</td>"
                out.append(f'<tr><td class="num">{_n(f["line"])}:{_n(f["column"])}</td><td>{_cat(f["category"])}</td>'
                           f'<td><code>{_e(f["rule"])}</code></td>{text_cell}<td>{_e(f["message"])}</td>'
                           f'<td>{_e(f["suggestion"])}</td></tr>')
            out.append("</table>")
            if note["findings_count"] > len(note["findings"]):
                out.append(f'<p class="muted">and {note["findings_count"] - len(note["findings"])} more in '
                           "findings.csv</p>")
        out.append("</div>")
    return out


def _skipped(s: dict) -> list[str]:
    skipped = s.get("skipped", [])
    out = [f'<h2 id="skipped">Skipped records ({_n(len(skipped))})</h2>']
    if not skipped:
        out.append('<p class="empty">None: every record read was checked.</p>')
    else:
        out.append("<table><tr><th>source</th><th>row</th><th>id</th><th>reason</th></tr>")
        for item in skipped[:SKIPPED_SHOWN]:
            out.append(f"<tr><td>{_e(item['source'])}</td><td class=\"num\">{_e(item['row'])}</td>"
                       f"<td>{_e(item['id'])}</td><td>{_e(item['reason'])}</td></tr>")
        out.append("</table>")
        if len(skipped) > SKIPPED_SHOWN:
            out.append(f'<p class="muted">and {len(skipped) - SKIPPED_SHOWN:,} more in summary.json.</p>')
    total = s.get("warnings_total", 0)
    if total:
        out.append(f"<h3>Records read with warnings ({_n(total)})</h3>")
        out.append("<table><tr><th>source</th><th>row</th><th>id</th><th>warning</th></tr>")
        for item in s.get("warnings", [])[:WARNINGS_SHOWN]:
            out.append(f"<tr><td>{_e(item['source'])}</td><td class=\"num\">{_e(item['row'])}</td>"
                       f"<td>{_e(item['id'])}</td><td>{_e(item['warning'])}</td></tr>")
        out.append("</table>")
        if total > min(WARNINGS_SHOWN, len(s.get("warnings", []))):
            out.append('<p class="muted">records.csv has a warnings column for every record.</p>')
    return out


def _engine(audit: dict) -> str:
    cluster = audit.get("cluster")
    if audit.get("engine") == "dask" and cluster:
        return (f"Dask: {cluster['scheduler']}, {cluster['workers']} worker(s), "
                f"{cluster['partitions']:,} partition(s)")
    jobs = audit.get("jobs") or 1
    return f"local, {jobs} worker process(es)" if audit.get("parallel") else "local, in one process"


def _about(s: dict) -> list[str]:
    audit = s.get("audit", {})
    out = ['<h2 id="about">About this audit</h2>', "<table>"]
    rows = [
        ("recordlint", s.get("recordlint_version")),
        ("started", s.get("started")),
        ("finished", s.get("finished")),
        ("seconds", audit.get("seconds")),
        ("inputs", "; ".join(f"{i['path']} ({i['format']}: {i['records_read']:,} read)" for i in s["inputs"])),
        ("text column", audit.get("text_column") or "auto"),
        ("id column", audit.get("id_column") or "none (file:row)"),
        ("grouped by", ", ".join(audit.get("group_by", [])) or "–"),
        ("pipeline", audit.get("model") or "blank English (default)"),
        ("engine", _engine(audit)),
        ("rules", s.get("rules_used")),
    ]
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows]
    out.append("</table>")
    out.append("<h3>Rule packs</h3><table><tr><th>pack</th><th>file</th><th class=\"num\">rules</th></tr>")
    out += [f'<tr><td>{_e(p["pack"])}</td><td><code>{_e(p["file"])}</code></td>'
            f'<td class="num">{_n(p["rules"])}</td></tr>' for p in s.get("rule_packs", [])]
    out.append("</table>")
    for notice in s.get("notices", []):
        out.append(f'<p class="muted">note: {_e(notice)}</p>')
    out.append('<footer>Made by recordlint audit. This file loads nothing from the network.</footer>')
    return out
