"""The tolerant reader's structure: brackets, commas and colons, with recovery. Loaded only
for text that is not strict JSON (the well-formed reader in fast.py handles the rest).

It never raises and never recurses (a stack of open containers replaces the call stack), so a
100,000-deep `[[[[...` is just a long loop. It keeps reading past each defect, reports it at the
place a person would fix it, and offers a repair where only one is plausible.
"""

from __future__ import annotations

from typing import Any

from editor.core.json.nodes import Kind, Member, Node
from editor.core.json.parsed import ParsedText, duplicate_key
from editor.core.json.scan import CLOSER
from editor.core.json.stray import StrayReading
from editor.core.json.tokenkinds import BAD, COMMA_RANK, KEY_KINDS, NUM, PUNCT, VALUE_START, WORD
from editor.core.text import findings as fnd
from editor.core.text.findings import Finding, Fix, Severity, TextEdit
from editor.core.text.positions import LineIndex


class Reader(StrayReading):
    def parse(self) -> Node | None:
        self.scan()
        self.count_surplus()
        tokens = self.tokens
        count = len(tokens)
        if count == 0:
            self.report("json/unexpected", "the text holds no JSON value", 0, len(self.text))
            self.check_characters()
            return None
        root: Node | None = None
        # Each open container: [node, opener offset, state, pending member, last comma offset]
        stack: list[list[Any]] = []
        last_end = 0  # end of the last value or key read: where a missing comma belongs
        i = 0
        while i < count:
            kind, start, end = tokens[i]
            char = self.text[start] if kind == PUNCT else ""
            if not stack:
                if root is not None:
                    self.report(
                        "json/unexpected",
                        "text after the end of the JSON document",
                        start,
                        tokens[-1][2],
                    )
                    break
                if root is None and kind in KEY_KINDS and self.next_is_colon(i):
                    root = self.missing_brace(stack, start, end)
                    continue  # the key is read again, as the first member
                if char in CLOSER:
                    root = self.open(stack, char, start)
                elif kind in VALUE_START:
                    node = self.scalar(kind, start, end)
                    if node.kind is not Kind.INVALID:  # a stray word: the document comes later
                        root = node
                        last_end = end
                elif kind != BAD:  # a bad token was reported when it was scanned
                    self.report("json/unexpected", f"unexpected {char!r}", start, end)
                i += 1
                continue

            frame = stack[-1]
            step = self.array_step if frame[0].kind is Kind.ARRAY else self.object_step
            i, last_end = step(stack, frame, i, kind, char, start, end, last_end)

        insert_at = tokens[-1][2]  # close what is open right after the last token
        while stack:
            _, _, state, member, _ = stack[-1]
            if state in ("colon", "value") and member is not None:
                self.report(
                    "json/unexpected", "key without a value", member.key_start, member.key_end
                )
            self.unclosed_before(stack, insert_at)
        self.check_characters()
        return root

    def missing_brace(self, stack: list[list[Any]], start: int, end: int) -> Node:
        """`"Version": ..., "Statement": [...] }` as one AWS page prints it: the members of an
        object without its opening brace. One finding; the members are read as the object's."""
        line_start = self.text.rfind("\n", 0, start) + 1
        newline = "\r\n" if "\r\n" in self.text[: self.text.find("\n", start) + 1] else "\n"
        self.report(
            "json/missing-brace",
            "the document starts with a member: its opening { is missing",
            start,
            end,
            Fix("Insert {", (TextEdit(line_start, line_start, "{" + newline),)),
        )
        return self.open(stack, "{", start)

    def open(self, stack: list[list[Any]], char: str, start: int) -> Node:
        node = Node(Kind.ARRAY if char == "[" else Kind.OBJECT, start, start + 1)
        # States: "first" (just opened), "after_value", "after_comma"; objects also
        # "colon" (key read) and "value" (colon read).
        stack.append([node, start, "first", None, -1])
        return node

    def attach(self, stack: list[list[Any]], value: Node) -> None:
        """Put a finished or newly opened value into its parent container."""
        frame = stack[-1]
        parent: Node = frame[0]
        if parent.kind is Kind.ARRAY:
            parent.items.append(value)
        else:
            member: Member = frame[3]
            member.value = value
        frame[2] = "after_value"

    def value_token(
        self, stack: list[list[Any]], kind: str, char: str, start: int, end: int
    ) -> int:
        """Read a value token into the top container; returns the end of what was read."""
        if char in CLOSER:
            node = Node(Kind.ARRAY if char == "[" else Kind.OBJECT, start, start + 1)
            self.attach(stack, node)
            stack.append([node, start, "first", None, -1])
            return end
        self.attach(stack, self.scalar(kind, start, end))
        return end

    def close(self, stack: list[list[Any]], char: str, start: int, end: int) -> None:
        frame = stack.pop()
        node: Node = frame[0]
        expected = "]" if node.kind is Kind.ARRAY else "}"
        if char != expected:
            fix = Fix(f"Replace with {expected!r}", (TextEdit(start, end, expected),))
            self.report(
                "json/mismatched-bracket",
                f"{char!r} closes an {node.kind.value} opened with "
                f"{'[' if node.kind is Kind.ARRAY else '{'!r}; expected {expected!r}",
                start,
                end,
                fix,
            )
        if frame[2] == "after_comma":
            comma = frame[4]
            self.report(
                "json/trailing-comma",
                "comma before the closing bracket",
                comma,
                comma + 1,
                Fix("Remove the comma", (TextEdit(comma, comma + 1, ""),)),
            )
        node.end = end
        if node.kind is Kind.OBJECT:
            self.check_duplicates(node)
            if self.unopened_objects:
                self.check_unopened(node)

    def check_duplicates(self, node: Node) -> None:
        seen: set[str] = set()
        for member in node.members:
            if member.key in seen:
                self.findings.append(duplicate_key(self.index, member))
            seen.add(member.key)

    def missing_comma(self, at: int) -> None:
        self.report(
            "json/missing-comma",
            "missing comma between values",
            at,
            at,
            Fix("Insert ','", (TextEdit(at, at, ",", COMMA_RANK),), self.after_closed(at)),
        )

    def after_closed(self, at: int) -> bool:
        """Whether text inserted at `at` stands outside any string: not at the end of a string
        left open on its line (fix_all closes that string first, then inserts)."""
        return at not in self.open_string_ends

    def follows_object(self, array: Node) -> bool:
        """Whether a `"key":` read after an element of `array` starts an object whose `{` is
        missing: the element before is an object and the text has a `}` more than `{`s."""
        return bool(array.items) and array.items[-1].kind is Kind.OBJECT and self.surplus["}"] > 0

    def extra_comma(self, state: str, start: int, end: int, what: str) -> None:
        """A comma with nothing before it: after another comma (`,,`) deleting it loses
        nothing, so that is a safe fix; at the start of a container it is only reported."""
        fix = Fix("Delete ','", (TextEdit(start, end, ""),)) if state == "after_comma" else None
        self.report("json/unexpected", f"comma without a {what} before it", start, end, fix)

    def open_list(self, frame: list[Any], i: int, kind: str) -> bool:
        """`"Action":` + newline + `"chime:A",` + newline + `"chime:B"` + `],`: the list lost
        its `[`. When a string follows a member's string value after a comma with no `:` after
        it, and the text has a `]` more than `[`s, the value starts a list: one finding there,
        whose fix inserts the `[`; the strings are read as its elements."""
        member = frame[3]
        if (
            kind not in KEY_KINDS
            or frame[2] != "after_comma"
            or self.surplus["]"] <= 0
            or member is None
            or member.value is None
            or member.value.kind is not Kind.STRING
            or self.next_is_colon(i)
        ):
            return False
        first = member.value
        self.surplus["]"] -= 1
        self.report(
            "json/missing-bracket",
            f"the list of {member.key!r} has no opening [: its strings follow this one",
            first.start,
            first.end,
            Fix("Insert [", (TextEdit(first.start, first.start, "["),)),
        )
        array = Node(Kind.ARRAY, first.start, first.end)
        array.items.append(first)
        member.value = array
        frame[2] = "after_value"  # the list is the member's value; the object goes on after it
        return True

    def next_sibling(self, stack: list[list[Any]], node: Node) -> bool:
        """Whether a `{` after a comma in the filled object `node` starts the next element of
        the list around it: the text has a `}` fewer than `{`s."""
        return bool(node.members) and self.parent_is_array(stack) is True and self.surplus["}"] < 0

    def parent_is_array(self, stack: list[list[Any]]) -> bool | None:
        """Whether the container around the innermost one is an array (None: at the top)."""
        return None if len(stack) < 2 else stack[-2][0].kind is Kind.ARRAY

    def next_is_colon(self, i: int) -> bool:
        tokens = self.tokens
        if i + 1 >= len(tokens):
            return False
        kind, start, _ = tokens[i + 1]
        return kind == PUNCT and self.text[start] == ":"

    def array_step(
        self,
        stack: list[list[Any]],
        frame: list[Any],
        i: int,
        kind: str,
        char: str,
        start: int,
        end: int,
        last_end: int,
    ) -> tuple[int, int]:
        state = frame[2]
        if char == "]" or char == "}":
            role = self.stray_closer(i, char, frame[0], self.parent_is_array(stack), state)
            if role is not None:
                return self.stray(frame, i, kind, last_end, role, True, self.closer_safe), last_end
            self.close(stack, char, start, end)
            return i + 1, end
        if char == ",":
            if state == "after_value":
                frame[2], frame[4] = "after_comma", start
            else:
                self.extra_comma(state, start, end, "value")
            return i + 1, last_end
        if char == ":":
            self.report("json/unexpected", "':' inside an array", start, end)
            return i + 1, last_end
        if kind in VALUE_START or char in CLOSER or kind == BAD:
            key_next = kind in KEY_KINDS and self.next_is_colon(i)
            if key_next and state != "first" and self.follows_object(frame[0]):
                self.unopened_object(stack, frame, start, end)
                return i, last_end  # the key is read again, as the object's first member
            key_next = key_next and len(stack) > 1
            if key_next and state in ("after_value", "after_comma"):
                # `"key":` after an element: the array was left open. A comma after the last
                # element then separates the members of the object around it.
                comma = frame[4]
                self.unclosed_before(stack, last_end)
                if state == "after_comma":
                    stack[-1][2], stack[-1][4] = "after_comma", comma
                return i, last_end
            role = self.stray_in_array(i, kind, state, last_end)
            if role is not None:
                return self.stray(frame, i, kind, last_end, role, True), last_end
            if state == "after_value":
                self.missing_comma(last_end)
            return i + 1, self.value_token(stack, kind, char, start, end)
        self.report("json/unexpected", "unexpected token", start, end)
        return i + 1, last_end

    def unclosed_before(self, stack: list[list[Any]], at: int) -> None:
        """Report the innermost open container as unclosed; its closer goes at `at`."""
        frame = stack.pop()
        node: Node = frame[0]
        opener = frame[1]
        closer = "]" if node.kind is Kind.ARRAY else "}"  # opener may be a brace left out
        self.report(
            "json/unclosed",
            f"{node.kind.value} opened here is never closed",
            opener,
            opener + 1,
            # Ranked by the distance to the opener: brackets closed at one offset close the
            # innermost first.
            Fix(
                f"Insert {closer!r}",
                (TextEdit(at, at, closer, 1 + at - opener),),
                self.after_closed(at),
            ),
        )
        node.end = at

    def object_step(
        self,
        stack: list[list[Any]],
        frame: list[Any],
        i: int,
        kind: str,
        char: str,
        start: int,
        end: int,
        last_end: int,
    ) -> tuple[int, int]:
        state = frame[2]
        node: Node = frame[0]
        if (char == "}" or char == "]") and state not in ("colon", "value"):
            role = self.stray_closer(i, char, node, self.parent_is_array(stack), state)
            if role is not None:
                safe = self.closer_safe
                return self.stray(frame, i, kind, last_end, role, False, safe), last_end
        if char == "}" or char == "]":
            if state == "colon" or state == "value":
                self.report("json/unexpected", "key without a value", start, end)
            self.close(stack, char, start, end)
            return i + 1, end
        if char == ",":
            if state == "after_value":
                frame[2], frame[4] = "after_comma", start
            elif state == "colon" or state == "value":
                self.report("json/unexpected", "key without a value", start, end)
                frame[2], frame[4] = "after_comma", start
            else:
                self.extra_comma(state, start, end, "member")
            return i + 1, last_end
        if char == ":":
            if state == "colon":
                frame[2] = "value"
            elif state == "value":
                self.stray_colon(start, end)
            else:
                self.report("json/unexpected", "unexpected ':'", start, end)
            return i + 1, last_end
        if state == "value" or state == "colon":
            if state == "colon":
                self.report(
                    "json/missing-colon",
                    "missing ':' after the key",
                    last_end,
                    last_end,
                    Fix("Insert ':'", (TextEdit(last_end, last_end, ":"),)),
                )
            if kind in VALUE_START or char in CLOSER or kind == BAD:
                return i + 1, self.value_token(stack, kind, char, start, end)
        # A key is due (first, after_comma) or overdue (after_value: missing comma).
        if state == "after_comma" and self.open_list(frame, i, kind):
            array = frame[3].value
            stack.append([array, array.start, "after_comma", None, frame[4]])
            return i, last_end
        role = self.stray_in_object(i, kind, state)
        if role is not None:
            return self.stray(frame, i, kind, last_end, role, False), last_end
        if kind in KEY_KINDS or kind in (WORD, NUM):
            if state == "after_value" and not self.fold_missing_comma(last_end, start):
                self.missing_comma(last_end)
            member = self.key(kind, start, end)
            node.members.append(member)
            frame[2], frame[3] = "colon", member
            return i + 1, end
        if char == "{" and state == "after_comma" and self.next_sibling(stack, node):
            # `"Resource": "*"` + `,` + `{`: this object was left open and the next element
            # of the list around it starts; one finding at its own `{`, closed before the comma
            comma = frame[4]
            line_start = self.text.rfind("\n", last_end, comma) + 1
            alone = line_start > 0 and not self.text[line_start:comma].strip()
            self.unclosed_before(stack, comma if alone else last_end)  # `},` where `,` stands
            stack[-1][2], stack[-1][4] = "after_comma", comma
            return i, last_end
        if char in CLOSER:
            self.report("json/unexpected", "a value where a key was expected", start, end)
            member = Member("", start, start, None)
            frame[2], frame[3] = "value", member  # read the value, attach it nowhere
            return i + 1, self.value_token(stack, kind, char, start, end)
        self.report("json/unexpected", "unexpected token", start, end)
        return i + 1, last_end


def read_tolerantly(text: str) -> ParsedText:
    """Read any text with recovery (read_json uses this for all but well-formed text)."""
    reader = Reader(text)
    root = reader.parse()
    found = sorted(reader.findings, key=lambda f: (f.start, f.end))
    return ParsedText(text, root, tuple(_merge_stray(text, found, reader.index)), reader.index)


def _merge_stray(text: str, found: list[Finding], index: LineIndex) -> list[Finding]:
    """One finding for a run of stray text on a line, not one per character or word: prose
    pasted around a policy would otherwise bury the real problems. A run's message is made
    once, when it ends (remaking it per merged word would make a long run quadratic)."""
    merged: list[Finding] = []
    run_end = -1  # the end of the run the last finding of `merged` stands for, if a run
    for finding in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and finding.code == last.code == "json/unexpected"
            and finding.fix is None
            and last.fix is None
            and finding.line == index.position(max(last.end, run_end))[0]
            and finding.start >= max(last.end, run_end)
            and _blank(text, max(last.end, run_end), finding.start)
        ):
            run_end = max(last.end, run_end, finding.end)
            continue
        _close_run(text, merged, run_end, index)
        run_end = -1
        merged.append(finding)
    _close_run(text, merged, run_end, index)
    return merged


def _blank(text: str, start: int, end: int) -> bool:
    return end - start < 2 or not text[start:end].strip()


def _close_run(text: str, merged: list[Finding], run_end: int, index: LineIndex) -> None:
    """Replace the last finding by one spanning the run it started, if it started one."""
    if run_end < 0:
        return
    last = merged[-1]
    merged[-1] = fnd.make_finding(
        index,
        "json/unexpected",
        Severity.ERROR,
        f"unexpected text {_shorten(text, last.start, run_end)}",
        last.start,
        run_end,
    )


def _shorten(text: str, start: int, end: int, limit: int = 40) -> str:
    if end - start <= limit:
        return repr(text[start:end])
    return repr(text[start : start + limit - 1] + "…")
