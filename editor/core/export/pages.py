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
    """Each fenced code block that holds a policy, verbatim: saving replaces just its lines."""
    found: list[Embedded] = []
    fence = ""
    block_start = 0
    count = 0
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not fence and stripped[:3] in ("```", "~~~"):
            fence, block_start = stripped[:3], offset + len(line)
        elif fence and stripped.startswith(fence) and stripped.strip("`~") == "":
            count += 1
            block = text[block_start:offset]
            if _looks_like_policy(block):
                found.append(_verbatim(f"code block {count}", text, block_start, offset))
            fence = ""
        offset += len(line)
    return found


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
