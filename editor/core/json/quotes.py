"""Keys whose quote slipped, as pages and hurried hands leave them: `"Action: [` (the closing
quote missing, the line's string never closed), `"Resource: "arn:..."` (the same, the value's
opening quote closing the key's string), `Action": [` (the opening quote missing). Each is one
finding whose fix puts the one quote back; the rest of the line is read as the key's value."""

from __future__ import annotations

import re
from collections.abc import Callable

from editor.core.json.tokenkinds import BAD, CLOSE_STRING_RANK, OPEN_KEY, PUNCT, UNOPENED_KEY
from editor.core.text.findings import Finding, Fix, TextEdit

# A string not closed on its line that reads as a key and its value: `"Action: [`.
# A space after the colon and a list, object or string: `"chime:Connect` stays a string.
_OPEN_KEY = re.compile(r'"([A-Za-z][A-Za-z0-9_]*):[ \t]+(?=[\[{"])')
# A closed string that is a key, its colon (a list's or object's opening bracket) and the
# value's opening quote: `"Resource: "` of `"Resource: "arn:aws:sqs:..."`, `"Action: ["` of
# `"Action: ["sqs:SendMessage"]`. Only when a word follows the string at once, which valid
# JSON never has, so no well-formed text is read this way.
_VARIABLE = re.compile(r"\$\{[^{}]*\}")  # `${aws:username}`: braces a string may hold
_GLUED_KEY = re.compile(r'"([A-Za-z][A-Za-z0-9_]*):[ \t]*(?:[\[{][ \t]*)?"')


class QuoteSlips:
    """The Scanner's handling of slipped quotes (mixed into scan.Scanner)."""

    text: str
    tokens: list[tuple[str, int, int]]
    findings: list[Finding]
    recovering: bool
    open_string_ends: set[int]
    unopened: dict[int, int]

    # The Scanner's own methods, named for the type checker.
    report: Callable[..., None]
    scan_range: Callable[[int, int], None]

    def glued_key(self, start: int, end: int) -> int | None:
        """`"Resource: "arn:..."`: read as the key `Resource` with its closing quote missing,
        and the rest of its line as the value. Returns where scanning goes on, None when the
        string is not such a key. The scanner asks only when a word follows the string."""
        text = self.text
        if self.recovering:
            return None
        key = _GLUED_KEY.fullmatch(text, start, end)
        if key is None:
            return None
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        self.open_key(start, line_end, key.end(1))
        return line_end

    def open_string(self, start: int, end: int) -> None:
        """A string not closed on its line. A comma ending the line is read as a comma, and a
        double-quoted one gets its closing quote there, before the comma: `"chime:Connect,`
        becomes `"chime:Connect",` and nothing is inserted inside the string afterwards."""
        text = self.text
        key = _OPEN_KEY.match(text, start, end)
        if key is not None and not self.recovering:
            self.open_key(start, end, key.end(1))
            return
        while end > start + 1 and text[end - 1] in " \t":
            end -= 1
        comma = end > start + 1 and text[end - 1] == ","
        if comma:
            end -= 1
            while end > start + 1 and text[end - 1] in " \t":
                end -= 1
        fix = None
        if text[start] == '"':
            # A bracket in what the line's end would close in (`"arn:...c1}]}` of one-line
            # JSON) is the document's structure, not the string's: where the quote goes is not
            # known, and closing at the line's end would change the value. Offered only.
            inside = _VARIABLE.sub("", text[start + 1 : end])
            safe = not any(c in inside for c in "{}[]")
            fix = Fix("Close the string", (TextEdit(end, end, '"', CLOSE_STRING_RANK),), safe)
        self.report("json/unexpected", "string is not closed on its line", start, end, fix)
        self.tokens.append((BAD, start, end))
        self.open_string_ends.add(end)
        if comma:
            comma_at = text.index(",", end)
            self.tokens.append((PUNCT, comma_at, comma_at + 1))

    def open_key(self, start: int, line_end: int, name_end: int) -> None:
        """`"Action: [` — a key whose closing quote is missing, as pasted from a page: one
        finding, and the rest of the line is read as the key's value."""
        name = self.text[start + 1 : name_end]
        fix = Fix("Close the key's quote", (TextEdit(name_end, name_end, '"', CLOSE_STRING_RANK),))
        self.report(
            "json/missing-quote", f'the key "{name}" has no closing quote', start, name_end, fix
        )
        self.tokens.append((OPEN_KEY, start, name_end))
        self.tokens.append((PUNCT, name_end, name_end + 1))
        self.recovering = True  # one level: a second open string on the line is just one
        self.scan_range(name_end + 1, line_end)
        self.recovering = False

    def unopened_key(self, start: int, end: int) -> None:
        """`Action": [` — a word glued to a quote and then a colon is a key whose opening
        quote is missing (outside a string, nothing else reads so)."""
        name = self.text[start : end - 1]
        fix = Fix("Insert the opening quote", (TextEdit(start, start, '"'),))
        self.unopened[start] = len(self.findings)  # the reader may fold a missing comma in
        self.report("json/missing-quote", f'the key "{name}" has no opening quote', start, end, fix)
        self.tokens.append((UNOPENED_KEY, start, end))
