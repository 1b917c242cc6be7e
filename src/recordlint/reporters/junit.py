"""`--format junit`: one testcase per file, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from recordlint.findings import Report
from recordlint.reporters.base import Reporter


class JunitReporter(Reporter):
    def finish(self, report: Report) -> None:
        total = sum(len(f.findings) for f in report.files)
        suites = ET.Element("testsuites", name="recordlint", tests=str(len(report.files)),
                            failures=str(sum(1 for f in report.files if f.findings)))
        suite = ET.SubElement(suites, "testsuite", name="recordlint", tests=str(len(report.files)),
                              failures=str(sum(1 for f in report.files if f.findings)), errors="0")
        for file in report.files:
            case = ET.SubElement(suite, "testcase", classname="recordlint", name=file.path)
            for f in file.findings:
                failure = ET.SubElement(case, "failure", type=f.rule,
                                        message=f"{f.line}:{f.column} {f.category} {f.rule}: {f.message}")
                failure.text = (f"{file.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}"
                                + (f" → {' / '.join(f.suggestions)}" if f.suggestions else ""))
        suite.set("findings", str(total))
        ET.indent(suites)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(suites, encoding="unicode"))
        self.stream.write("\n")
