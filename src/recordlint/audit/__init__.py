"""`recordlint audit`: check exported case notes in bulk and report where recording falls short.

The command (command.py) stays light; the work is split into small modules:

    options.py      the audit's settings, as one value
    model.py        what flows between the parts: Read, Skipped, Checked
    readers.py      which reader an input needs, column matching, per-line decoding
    read_csv.py     CSV and TSV (plain, gzip or UTF-16), streamed
    read_jsonl.py   JSON Lines (plain or gzip), streamed
    read_xlsx.py    XLSX workbooks, streamed with openpyxl's read-only mode
    read_folder.py  folders of .txt, .md and .docx notes, one record per file
    worker.py       lint a batch of texts and return plain data (in a worker or in-process)
    runner.py       batches, worker processes, input order, Ctrl-C
    score.py        the note-quality score
    aggregate.py    running totals kept while results stream past
    outputs.py      findings.csv and records.csv (streamed), JSON and text files written whole
    summary.py      the contents of summary.json
    svg.py          small inline SVG charts
    html_report.py  report.html
    progress.py     the Rich progress bar on stderr
    terminal.py     the Rich summary table
    main.py         puts it together: run_audit(options)
"""
