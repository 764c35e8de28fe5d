"""JSON syntax colours, line by line."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.ui.theme import Colours, colours

_TOKENS = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*"?)(?P<colon>\s*:)?'
    r"|(?P<number>-?\d[\d.eE+\-]*)"
    r"|(?P<literal>\b(?:true|false|null)\b)"
    r"|(?P<punct>[{}\[\],:])"
)


class JsonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.set_colours(colours())

    def set_colours(self, scheme: Colours) -> None:
        def fmt(colour: object, bold: bool = False) -> QTextCharFormat:
            f = QTextCharFormat()
            f.setForeground(colour)  # type: ignore[arg-type]
            if bold:
                f.setFontWeight(QFont.Weight.DemiBold)
            return f

        self.formats = {
            "key": fmt(scheme.key, bold=True),
            "string": fmt(scheme.string),
            "number": fmt(scheme.number),
            "literal": fmt(scheme.literal),
            "punct": fmt(scheme.punctuation),
        }
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for match in _TOKENS.finditer(text):
            kind = match.lastgroup
            if kind == "colon" or match.group("string") is not None:
                key = match.group("colon") is not None
                start, end = match.span("string")
                self.setFormat(start, end - start, self.formats["key" if key else "string"])
            elif kind is not None:
                start, end = match.span()
                self.setFormat(start, end - start, self.formats[kind])
