"""Seeded fuzz test: real policies, damaged a few characters at a time, through the reader,
lint, fix and the selection reading. For every case:

- nothing raises;
- fix settles: fixing the fixed text changes nothing;
- no action, resource or key of the policy is lost: every string of the original policy that
  the damaged text still holds as a string is in the fixed text as often (an action listed
  twice may come out once: removing an exact duplicate is a documented repair; an action's
  letter case may change: respelling a mis-cased action is one too, and so is respelling a
  Sid that IAM rejects);
- line endings are kept: fix adds no bare LF and no lone CR;
- when fix reports success (no error left), the text is strict JSON for `json.loads`.

Time per KB is the growth benchmark's business (benchmarks/growth.py), not a test's.
"""

import json
import random
from collections import Counter

import pytest

from editor.core.json.scan import Scanner
from editor.core.json.tokenkinds import STR
from editor.core.lint.engine import fix_all, lint
from editor.core.policy.selection import read_selection
from editor.core.text.findings import Severity, line_break
from tests.conftest import seed_examples
from tests.core.lint.test_seed_lint import filled
from tests.core.policies import CLEAN_MULTI_SERVICE

# AWS's "Grant read and write access to Amazon S3 bucket objects" example, IAM User Guide,
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_rw-bucket.html
S3_READ_WRITE = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ListObjectsInBucket",
            "Effect": "Allow",
            "Action": ["s3:ListBucket"],
            "Resource": ["arn:aws:s3:::bucket-name"],
        },
        {
            "Sid": "AllObjectActions",
            "Effect": "Allow",
            "Action": "s3:*Object",
            "Resource": ["arn:aws:s3:::bucket-name/*"],
        },
    ],
}

SID = "policy/invalid-sid"

# What pasted and hand-edited policies are damaged with.
INSERTS = [
    *",:[]{}\"' \n*\\",
    "//x\n",
    "/*",
    "\u201c",
    "\u201d",
    "\u201e",
    "\u2014",
    "\u00a0",
    "\r\n",
]
CASES_PER_BASE = 200  # 18 bases: 3,600 cases, about 15 s of CPU
SEED = 15  # the number; change it to explore, keep it to reproduce


def bases() -> list[tuple[str, str]]:
    """(name, text) of every policy the fuzz starts from, in the layouts people keep."""
    values = [json.loads(fix_all(filled(text))) for text in seed_examples()]
    values += [json.loads(CLEAN_MULTI_SERVICE), S3_READ_WRITE]
    out = []
    for i, value in enumerate(values):
        out.append((f"policy{i}-indent4", json.dumps(value, indent=4)))
        out.append((f"policy{i}-min", json.dumps(value, separators=(",", ":"))))
        crlf = json.dumps(value, indent=2).replace("\n", "\r\n") + "\r\n"
        out.append((f"policy{i}-crlf", crlf))
    return out


def boundaries(text: str) -> list[int]:
    """Offsets between tokens: where structure, not a name, gets damaged."""
    scanner = Scanner(text)
    scanner.scan()
    return sorted({offset for _, s, e in scanner.tokens for offset in (s, e)})


def mutate(text: str, rnd: random.Random, structural: bool) -> str:
    """Damage `text` at one to three places: anywhere, or (structural) only between tokens,
    where most damage is repairable."""
    for _ in range(rnd.randint(1, 3)):
        at = rnd.choice(boundaries(text)) if structural else rnd.randrange(len(text) + 1)
        op = rnd.random()
        if op < 0.35 and text:
            at = min(at, len(text) - 1)
            text = text[:at] + text[at + 1 :]  # delete a character
        elif op < 0.8:
            text = text[:at] + rnd.choice(INSERTS) + text[at:]
        elif op < 0.9:
            end = min(len(text), at + rnd.randint(1, 40))
            text = text[:end] + text[at:end] + text[end:]  # a span pasted twice
        else:
            text = text[:at] + text[at:].swapcase()[:1] + text[at + 1 :]
    return text


def strings(text: str) -> Counter[str]:
    """The double-quoted string tokens of a text (not inside comments), lower-cased."""
    scanner = Scanner(text)
    scanner.scan()
    return Counter(text[s:e].lower() for kind, s, e in scanner.tokens if kind == STR)


def action_strings(value: object) -> set[str]:
    found: set[str] = set()
    for statement in value["Statement"] if isinstance(value["Statement"], list) else []:
        for key in ("Action", "NotAction"):
            names = statement.get(key, [])
            for name in [names] if isinstance(names, str) else names:
                found.add(json.dumps(name).lower())
    return found


def line_ends(text: str) -> tuple[int, int, int]:
    """CRLFs, bare LFs and lone CRs."""
    crlf = text.count("\r\n")
    return crlf, text.count("\n") - crlf, text.count("\r") - crlf


def check(base: str, text: str) -> list[str]:
    """Every property the case breaks, as messages."""
    problems = []
    # A Sid IAM would reject is respelt (a documented repair), as a mis-cased action is
    respelt = {text[f.start : f.end].lower() for f in lint(text).findings if f.code == SID}
    read_selection(text)
    fixed = fix_all(text)
    if fix_all(fixed) != fixed:
        problems.append("fix is not idempotent")
    ours = strings(base)
    actions = action_strings(json.loads(base))
    before, after = strings(text), strings(fixed)
    for token, count in before.items():
        if token not in ours or token in respelt:
            continue
        needed = min(count, 1) if token in actions else count
        if after[token] < needed:
            problems.append(f"lost {token} ({count} -> {after[token]})")
    # A fix may add line breaks, in the file's own style only; it never splits a CRLF.
    crlf, lf, cr = line_ends(text)
    crlf2, lf2, cr2 = line_ends(fixed)
    own_style = lf2 <= lf if line_break(text) == "\r\n" else crlf2 <= crlf
    if not own_style or cr2 > cr:
        problems.append(f"line endings: CRLF/LF/CR {crlf}/{lf}/{cr} -> {crlf2}/{lf2}/{cr2}")
    left = [f for f in lint(fixed).findings if f.severity is Severity.ERROR]
    if not left:
        try:
            json.loads(fixed)
        except ValueError as error:
            problems.append(f"fix reports success but json.loads says {error}")
    return problems


@pytest.mark.parametrize(("name", "base"), bases(), ids=[n for n, _ in bases()])
def test_fuzzed_policies_keep_their_grants_and_settle(name: str, base: str) -> None:
    rnd = random.Random(f"{SEED}-{name}")
    failures = []
    for case in range(CASES_PER_BASE):
        text = mutate(base, rnd, structural=case % 2 == 0)
        problems = check(base, text)
        if problems:
            failures.append(f"case {case}: {text!r}\n    " + "\n    ".join(problems))
    assert not failures, f"{len(failures)} of {CASES_PER_BASE} cases:\n" + "\n".join(failures[:5])


def test_the_fuzz_reaches_its_assertions() -> None:
    """A fuzz that only made texts nothing could repair, or texts fix never changed, would
    pass without testing anything. Every property but the last is asserted on every case;
    the last (strict JSON on success) needs a repaired text: at least one case in six is
    (random damage to names and quotes is often beyond a safe repair, as it should be).
    Fix leaves a text as it is rather than half-repair it where the repair reads worse
    (text/fixpoint.py): 37 of these 180 texts, none of which the unguarded fix made valid,
    are no longer changed; the repaired count is the same (48)."""
    rnd = random.Random(SEED)
    changed = repaired = 0
    for case, (_, base) in enumerate(bases() * 10):
        text = mutate(base, rnd, structural=case % 2 == 0)
        fixed = fix_all(text)
        changed += fixed != text
        repaired += not any(f.severity is Severity.ERROR for f in lint(fixed).findings)
    cases = len(bases()) * 10
    assert changed >= cases * 0.45 and repaired >= cases / 6, (cases, changed, repaired)
