"""Stray tokens between members or elements, for the tolerant reader.

`"Action": "chime:SendChannelMessage",abc` followed by `"Resource": "*"` on the next line: read
naively, `abc` is a key and `"Resource"` its value, and every fix then makes the text worse.
A token is stray when what follows it shows it belongs to nothing: a bare word or number that
is followed by the next member's `"key":` (or ends the object), a word glued between two
elements of an array, a `]` or `}` that the document has one too many of, a second `:`. It is
one finding at that token, and the reader goes on as if it were not there, so the next member
is read as written and no policy finding follows from it.
"""

from __future__ import annotations

from typing import Any

from editor.core.json.fast import LITERALS
from editor.core.json.nodes import Kind, Node
from editor.core.json.scan import Scanner
from editor.core.json.tokenkinds import COMMA_RANK, KEY_KINDS, NUM, PUNCT, VALUE_START, WORD
from editor.core.text.findings import Fix, TextEdit

# What the token after a possible stray one is, as far as the container around it goes.
SEP, CLOSE, KEY, ITEM, COLON, END = "sep", "close", "key", "item", "colon", "end"


class StrayReading(Scanner):
    """The stray-token decisions and findings; Reader (tolerant.py) calls them."""

    def count_surplus(self) -> None:
        """How many `]` and `}` the text has beyond its `[` and `{`: only then can one of them
        be stray rather than a container closed early."""
        counts = {"[": 0, "]": 0, "{": 0, "}": 0}
        text = self.text
        for kind, start, _ in self.tokens:
            if kind == PUNCT and text[start] in counts:
                counts[text[start]] += 1
        self.surplus = {"]": counts["]"] - counts["["], "}": counts["}"] - counts["{"]}
        self.closer_safe = True  # whether the last stray closer found may be deleted by Fix all
        # Objects read as having lost their `{` -> (their finding's index, the object before)
        self.unopened_objects: dict[int, tuple[int, Node]] = {}

    def role(self, i: int) -> str:
        """What token `i` is to its container: a separator, a closer, a `"key":`, an item."""
        if i >= len(self.tokens):
            return END
        kind, start, _ = self.tokens[i]
        if kind == PUNCT:
            char = self.text[start]
            if char == ",":
                return SEP
            if char == ":":
                return COLON
            if char in "]}":
                return CLOSE
            return ITEM  # an opener
        if kind in KEY_KINDS and self.followed_by_colon(i):
            return KEY
        return ITEM

    def followed_by_colon(self, i: int) -> bool:
        tokens = self.tokens
        if i + 1 >= len(tokens):
            return False
        kind, start, _ = tokens[i + 1]
        return kind == PUNCT and self.text[start] == ":"

    def stray_in_object(self, i: int, kind: str, state: str) -> str | None:
        """The role of what follows token `i` when `i` is stray in an object, else None."""
        if kind not in VALUE_START or self.followed_by_colon(i):
            return None
        role = self.role(i + 1)
        if state == "after_value":
            return role if role in (SEP, CLOSE, KEY, END) else None
        if role == KEY or (kind in (WORD, NUM) and role in (SEP, CLOSE)):
            return role
        return None

    def stray_in_array(self, i: int, kind: str, state: str, last_end: int) -> str | None:
        """The same in an array: a word that is no JSON value glued between elements (a comma
        on at most one side), or any scalar glued right after an element (`"Allow"1`)."""
        if kind not in VALUE_START:
            return None
        start, end = self.tokens[i][1], self.tokens[i][2]
        bare_word = kind == WORD and self.text[start:end] not in LITERALS
        role = self.role(i + 1)
        if state == "after_value" and (bare_word or (start == last_end and kind in (NUM, WORD))):
            return role
        if bare_word and state in ("first", "after_comma") and role in (ITEM, KEY):
            return role
        return None

    def stray_closer(
        self,
        i: int,
        char: str,
        container: Node,
        parent_array: bool | None,
        state: str,
    ) -> str | None:
        """A `]` or `}` the text has one too many of, with its container going on after it:
        what follows fits the container and not the one around it (`parent_array`: None at
        the top, where nothing may follow), or a comma stands before it and none after.

        `},` + newline + `"Sid": ...` in a list is not a stray `}`: the next object lost its
        `{` (array_step names it), and deleting the `}` would merge two objects into one."""
        if self.surplus[char] <= 0:
            return None
        in_array = container.kind is Kind.ARRAY
        role = self.role(i + 1)
        after = self.role(i + 2) if role == SEP else role
        if (char == "]") != in_array:  # the wrong closer: unless the container goes on, a typo
            going_on = role in (ITEM, SEP) if in_array else role in (KEY, SEP)
        elif state == "after_comma" and role == (ITEM if in_array else KEY):
            going_on = True  # `"Allow",}` + newline + `"Action":`
        elif in_array:  # `"a"], "b"`: an element follows where an object holds none
            going_on = after == ITEM and parent_array is not True
        else:  # `"Allow"}, "Action":`: a member follows where an array holds none
            going_on = after == KEY and parent_array is not False
        if not going_on:
            return None
        filled = self.closes_filled(container, char)
        if filled and char == "}" and parent_array is True and role == SEP and after == KEY:
            return None  # `},` closes here; the next object's `{` is the one missing
        self.surplus[char] -= 1
        # A filled container's closer is deleted by Fix all only right after a comma and with
        # the container's next member or element right after it (`"Allow",}` + newline +
        # `"Action":`): both sides say it goes on. Elsewhere the deletion is offered, not applied.
        self.closer_safe = not filled or (state == "after_comma" and role in (KEY, ITEM))
        return role

    @staticmethod
    def closes_filled(container: Node, char: str) -> bool:
        """Whether `char` would close `container` and it holds something: deleting such a
        closer moves what follows into it (two statements read as one, the last key winning),
        so it is never a safe fix."""
        if container.kind is Kind.ARRAY:
            return char == "]" and bool(container.items)
        return char == "}" and bool(container.members)

    def unopened_object(
        self, stack: list[list[Any]], frame: list[Any], start: int, end: int
    ) -> None:
        """`},` + newline + `"Sid": ...` in a list whose text has one `}` too many: the object
        these members belong to lost its `{`. One finding at the line where they start; the fix
        inserts the `{` there (and a comma if that is missing too), so two objects stay two."""
        self.surplus["}"] -= 1
        after = frame[4] + 1 if frame[2] == "after_comma" else frame[0].items[-1].end
        edits = [self.opening_brace(start, after, frame[0].items[-1].start)]
        if frame[2] == "after_value":
            edits.insert(0, TextEdit(after, after, ",", COMMA_RANK))
        self.report(
            "json/missing-brace",
            "an object's opening { is missing: its members start here, after the previous "
            "object closed",
            start,
            end,
            Fix("Insert {", tuple(edits)),
        )
        node = Node(Kind.OBJECT, start, start + 1)
        self.unopened_objects[id(node)] = (len(self.findings) - 1, frame[0].items[-1])
        frame[0].items.append(node)
        frame[2] = "after_value"
        stack.append([node, start, "first", None, -1])

    def check_unopened(self, node: Node) -> None:
        """When an object read as having lost its `{` closes: the `{` is decided only if its
        members share a key with the object before it (one object cannot hold both). Else the
        `}` before them may as well be one too many: both repairs are the user's choice."""
        entry = self.unopened_objects.pop(id(node), None)
        if entry is None:
            return
        index, previous = entry
        if {m.key for m in node.members} & {m.key for m in previous.members}:
            return
        finding = self.findings[index]
        assert finding.fix is not None
        self.findings[index] = finding._replace(
            message=finding.message + "; or the '}' before it is one too many",
            fix=finding.fix._replace(safe=False),
        )

    def opening_brace(self, key: int, after: int, previous: int) -> TextEdit:
        """Where the missing `{` goes: on the blank line left where it stood, or on a line of
        its own before the key (indented as the previous object's `{`), or before the key when
        it follows the comma on one line."""
        text = self.text
        line_start = text.rfind("\n", 0, key) + 1
        if line_start <= after or text[line_start:key].strip():
            return TextEdit(key, key, "{ ")
        opener_line = text.rfind("\n", 0, previous) + 1
        indent = text[opener_line:previous]
        if indent.strip():
            indent = ""
        blank_end = line_start - 1
        if blank_end > 0 and text[blank_end - 1] == "\r":
            blank_end -= 1
        blank_start = text.rfind("\n", 0, blank_end) + 1
        if blank_start >= after and not text[blank_start:blank_end].strip():
            return TextEdit(blank_start, blank_end, indent + "{")
        newline = "\r\n" if text.startswith("\r\n", line_start - 2) else "\n"
        return TextEdit(line_start, line_start, indent + "{" + newline)

    def stray(
        self,
        frame: list[Any],
        i: int,
        kind: str,
        last_end: int,
        role: str,
        in_array: bool,
        safe: bool = True,
    ) -> int:
        """Report token `i` as stray with the edit that removes it; returns the next token to
        read (past a comma deleted with it). `safe`: whether Fix all may delete it."""
        _, start, end = self.tokens[i]
        text = self.text
        state = frame[2]
        next_i = i + 1
        edits: tuple[TextEdit, ...]
        if state == "after_value" and role in (KEY, ITEM):
            # `"Allow" abc` + newline + `"Action":`: the stray word stands where a comma is due
            if text[last_end:start].strip():  # a comment between: keep it
                edits = (TextEdit(last_end, last_end, ",", COMMA_RANK), self.deletion(start, end))
            else:
                edits = (TextEdit(last_end, end, ","),)
            frame[2], frame[4] = "after_comma", last_end
        elif state == "after_comma" and role == CLOSE:
            comma = frame[4]  # `"a",abc }`: the comma goes with it, or it would trail
            edits = (TextEdit(comma, end, ""),)
            frame[2] = "after_value"
        elif role == SEP and state != "after_value":
            sep_end = self.tokens[i + 1][2]  # `, abc, "b"`: one of the two commas goes too
            edits = (self.deletion(start, sep_end),)
            next_i = i + 2
        else:
            edits = (self.deletion(start, end),)
        shown = text[start:end]
        where = "elements" if in_array else "members"
        self.report(
            "json/stray",
            f"stray {shown!r} between {where}: it belongs to nothing",
            start,
            end,
            Fix(f"Delete {shown!r}", edits, safe and kind in (WORD, NUM, PUNCT)),
        )
        return next_i

    def stray_colon(self, start: int, end: int) -> None:
        """`"Effect":: "Allow"`: the second colon."""
        self.report(
            "json/stray",
            "a second ':' after the key",
            start,
            end,
            Fix("Delete ':'", (self.deletion(start, end),)),
        )

    def fold_missing_comma(self, at: int, key_start: int) -> bool:
        """`"Allow"` + newline + `Action": ...`: the missing comma and the key's missing opening
        quote are one slip; one finding whose fix inserts both. False if the key has its quote."""
        index = self.unopened.get(key_start)
        if index is None:
            return False
        finding = self.findings[index]
        assert finding.fix is not None
        edits = (TextEdit(at, at, ",", COMMA_RANK), *finding.fix.edits)
        self.findings[index] = finding._replace(
            message=finding.message + ", and no comma before it",
            fix=Fix("Insert the comma and the quote", edits),
        )
        return True

    def deletion(self, start: int, end: int) -> TextEdit:
        """Delete text[start:end] and the blanks it leaves: its whole line when it stands
        alone on it; the blanks before it when it ends its line; the blanks after it when
        blanks stand before it; else only itself (`"Allow"1,` -> `"Allow",`)."""
        text = self.text
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        line_end = after == len(text) or text[after] in "\r\n"
        if line_end and (before == 0 or text[before - 1] == "\n"):
            if text.startswith("\r\n", after):
                after += 2
            elif after < len(text):
                after += 1
            return TextEdit(before, after, "")
        if line_end:
            return TextEdit(before, after, "")
        if before < start:
            return TextEdit(start, after, "")
        return TextEdit(start, end, "")
