"""Characters IAM rejects that web pages and word processors bring in, and what to put in
their place: the tolerant reader's fixes for json/invalid-char."""

from __future__ import annotations

from editor.core.text.findings import Fix, TextEdit

# ASCII stand-ins for characters IAM rejects that web pages and word processors bring in.
ASCII_EQUIVALENT = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u2009": " ",
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}


def ascii_fix(char: str, offset: int, in_string: bool) -> Fix | None:
    """The fix for a rejected character at `offset`: its ASCII stand-in, or nothing for a
    space of zero width; None when it has none, or when outside a string a quote or dash
    would change the structure."""
    ascii_text = ASCII_EQUIVALENT.get(char)
    if in_string:
        if ascii_text == '"':
            ascii_text = '\\"'
    elif ascii_text and ascii_text.strip():
        ascii_text = None
    if ascii_text is None:
        return None
    return Fix(
        f"Replace with {ascii_text!r}" if ascii_text else "Remove it",
        (TextEdit(offset, offset + 1, ascii_text),),
    )
