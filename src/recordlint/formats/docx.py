"""Word documents: paragraphs and table cells, in document order, one per line.

A finding's line is the paragraph number (counting table-cell paragraphs
where they stand), so "line 12" means the 12th paragraph.
"""

from __future__ import annotations

import io

from recordlint.errors import InputError


def docx_text(data: bytes, name: str) -> str:
    """Paragraph texts joined by `\\n`; raises InputError for a file python-docx cannot open."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError(f"{name}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken or non-docx file
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    lines: list[str] = []
    seen_cells: list = []  # a merged cell appears once per grid position it spans; keep the elements alive

    def walk(parent) -> None:
        for child in parent.iter_inner_content():
            if isinstance(child, Paragraph):
                lines.append(child.text.replace("\n", " "))
            elif isinstance(child, Table):
                for row in child.rows:
                    for cell in row.cells:
                        if not any(cell._tc is seen for seen in seen_cells):
                            seen_cells.append(cell._tc)
                            walk(cell)

    walk(document)
    return "\n".join(lines)
