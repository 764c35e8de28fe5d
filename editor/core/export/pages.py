"""Policies in documentation pages: the code blocks of Markdown (``` or ~~~ fences) and the
<pre> blocks of HTML that hold a policy (a "Statement" or an "Effect"), found line by line."""

from __future__ import annotations

import html as html_lib

from editor.core.export.embedded import Embedded
from editor.core.lint.template import Piece, Pieces


def _looks_like_policy(block: str) -> bool:
    return '"Statement"' in block or '"Effect"' in block or "'Effect'" in block


def _verbatim(label: str, text: str, start: int, end: int) -> Embedded:
    pieces = Pieces([Piece(0, start, end, True)])
    return Embedded(label, text[start:end], None, "", pieces, (start, end), 0)


def markdown(text: str) -> list[Embedded]:
    """Each fenced code block that holds a policy, verbatim: saving replaces just its lines.
    Each is named by its place: "code block 2 at line 54, under “Example IAM roles”"."""
    found: list[Embedded] = []
    fence = ""
    block_start = 0
    count = 0
    offset = 0
    heading = ""  # the nearest heading above, outside code blocks
    fence_line = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        stripped = line.strip()
        if not fence and stripped[:3] in ("```", "~~~"):
            fence, block_start, fence_line = stripped[:3], offset + len(line), number
        elif fence and stripped.startswith(fence) and stripped.strip("`~") == "":
            count += 1
            block = text[block_start:offset]
            if _looks_like_policy(block):
                label = f"code block {count} at line {fence_line}"
                label += f", under \u201c{heading}\u201d" if heading else ""
                found.append(_verbatim(label, text, block_start, offset))
            fence = ""
        elif not fence and _heading(stripped) is not None:
            heading = _heading(stripped) or heading
        offset += len(line)
    return found


def _heading(line: str) -> str | None:
    """The text of an ATX heading ("## Title <a name=...></a>" -> "Title"), else None."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes <= 6 or (len(line) > hashes and line[hashes] != " "):
        return None
    words, inside_tag = [], False
    for c in line[hashes:].strip():  # tags dropped, as a reader sees the heading
        if c == "<":
            inside_tag = True
        elif c == ">" and inside_tag:
            inside_tag = False
        elif not inside_tag:
            words.append(c)
    return "".join(words).replace("\\", "").strip()


def html(text: str) -> list[Embedded]:
    """Each <pre> block that holds a policy. Written as is, it is edited in place; with
    entities (&quot;) or markup inside, it is read (unescaped) but not written back."""
    found: list[Embedded] = []
    lower = text.lower()
    at = 0
    count = 0
    while True:
        open_at = lower.find("<pre", at)
        if open_at < 0:
            return found
        start = lower.find(">", open_at) + 1
        end = lower.find("</pre>", start)
        if start <= 0 or end < 0:
            return found
        at = end + 6
        count += 1
        inner_start, inner_end = start, end
        code = lower.find("<code", inner_start, inner_end)
        if code >= 0 and lower[inner_start:code].strip() == "":
            inner_start = lower.find(">", code, inner_end) + 1
            close = lower.rfind("</code>", inner_start, inner_end)
            inner_end = close if close >= 0 else inner_end
        raw = text[inner_start:inner_end]
        block = html_lib.unescape(raw)
        if not _looks_like_policy(block):
            continue
        label = f"<pre> block {count}"
        if block == raw and "<" not in raw:
            found.append(_verbatim(label, text, inner_start, inner_end))
        else:
            pieces = Pieces([Piece(0, inner_start, inner_end, False)])
            found.append(Embedded(label, block, None, "", pieces, None, 0))
