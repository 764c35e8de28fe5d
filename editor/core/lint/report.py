"""Findings as text, JSON and SARIF 2.1.0 (what GitHub code scanning reads)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

from editor.core.text.findings import Finding, Severity
from editor.core.text.positions import LineIndex

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class FileReport:
    """One file's findings, with its text (for the fixes' line and column)."""

    __slots__ = ("findings", "name", "text")

    def __init__(self, name: str, text: str, findings: tuple[Finding, ...]) -> None:
        self.name: Final = name  # as the user gave it; "-" for standard input
        self.text: Final = text
        self.findings: Final = findings


def as_text(reports: Sequence[FileReport]) -> str:
    lines = [
        f"{r.name}:{f.line}:{f.column}: {f.severity.value} {f.code} {f.message}"
        for r in reports
        for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)


def _fix_json(report: FileReport, finding: Finding) -> dict[str, Any] | None:
    if finding.fix is None:
        return None
    index = LineIndex(report.text)
    edits = []
    for edit in finding.fix.edits:
        line, column = index.position(edit.start)
        end_line, end_column = index.position(edit.end)
        edits.append(
            {
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "text": edit.text,
            }
        )
    return {"title": finding.fix.title, "safe": finding.fix.safe, "edits": edits}


def as_json(reports: Sequence[FileReport]) -> str:
    items = [
        {
            "file": r.name,
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "fix": _fix_json(r, f),
        }
        for r in reports
        for f in r.findings
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow import: SARIF only

    try:
        return version("chime-policy-editor")
    except PackageNotFoundError:
        return "0"


def as_sarif(reports: Sequence[FileReport]) -> str:
    codes = sorted({f.code for r in reports for f in r.findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    results = []
    for report in reports:
        uri = "stdin" if report.name == "-" else report.name
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": rule_index[f.code],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                            },
                        }
                    }
                ],
            }
            fix = _fix_json(report, f)
            if fix is not None:
                result["fixes"] = [
                    {
                        "description": {"text": fix["title"]},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "startLine": e["line"],
                                            "startColumn": e["column"],
                                            "endLine": e["end_line"],
                                            "endColumn": e["end_column"],
                                        },
                                        "insertedContent": {"text": e["text"]},
                                    }
                                    for e in fix["edits"]
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    sarif = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "chime-policy",
                        "version": _tool_version(),
                        "informationUri": "https://docs.aws.amazon.com/chime-sdk/latest/dg/iam-roles.html",
                        "rules": [
                            {"id": code, "shortDescription": {"text": code}} for code in codes
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"
