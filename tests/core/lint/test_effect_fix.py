"""An invalid Effect is fixed by Fix all only when the slip is unambiguous; a word that negates
"allow" is never written "Allow". Each case is fixed through Fix all and read back with
`json.loads` (not our reader): the Effect IAM would get, or the text left as it was.

Rule (editor/core/lint/effects.py): case and surrounding blanks; one letter inserted, dropped,
replaced or swapped in a word of letters only that starts with the right letter and holds no
negation; the forms of "deny" (a Deny can only take access away). Everything else is the
user's choice: a negated "allow" is offered "Deny" as a quick fix that Fix all never applies.
"""

from __future__ import annotations

import json

import pytest

from editor.core.lint.engine import fix_all, lint
from tests.core.policies import policy

ALLOW_ALL = {"Effect": "Allow", "Action": "chime:*", "Resource": "*"}


def _text(effect: str) -> str:
    # The audit's disallow.json: every chime action, except the one the second statement
    # was written to take away
    return policy(ALLOW_ALL, {"Effect": effect, "Action": "chime:DeleteChannel", "Resource": "*"})


# (written, what Fix all writes (None: left as written), the quick fix offered (None: none))
CASES = [
    # case and blanks: the word itself
    ("allow", "Allow", "Allow"),
    ("ALLOW", "Allow", "Allow"),
    ("deny", "Deny", "Deny"),
    ("DENY", "Deny", "Deny"),
    (" Deny", "Deny", "Deny"),
    ("Allow ", "Allow", "Allow"),
    # one slip of a letter, nothing added
    ("Alow", "Allow", "Allow"),
    ("Allw", "Allow", "Allow"),
    ("Alloww", "Allow", "Allow"),
    ("Alolw", "Allow", "Allow"),
    ("Allos", "Allow", "Allow"),
    ("Dny", "Deny", "Deny"),
    ("Dney", "Deny", "Deny"),
    ("Deni", "Deny", "Deny"),
    ("Deby", "Deny", "Deny"),
    ("Denny", "Deny", "Deny"),
    # the forms of "deny": only ever takes access away
    ("Denied", "Deny", "Deny"),
    ("Denies", "Deny", "Deny"),
    ("denying", "Deny", "Deny"),
    # negations of "allow" (the audit's D4 list): never "Allow"; "Deny" offered, not applied
    ("Disallow", None, "Deny"),
    ("NotAllow", None, "Deny"),
    ("Not Allow", None, "Deny"),
    ("Don't allow", None, "Deny"),
    ("Unallow", None, "Deny"),
    ("DontAllow", None, "Deny"),
    ("Dissallow", None, "Deny"),
    ("Nonallow", None, "Deny"),
    ("Never allow", None, "Deny"),
    ("Disalow", None, "Deny"),
    # something added, or more than one slip: offered, not applied
    ("Allowance", None, "Allow"),
    ("Allow?", None, "Allow"),
    ("Allow!", None, "Allow"),
    ("Allowed", None, "Allow"),
    ("Al low", None, "Allow"),
    ("Deny.", None, "Deny"),
    ("Dallow", None, "Allow"),  # a letter before "allow": what is left of a negation?
    # no clear meaning: no fix at all
    ("NotDeny", None, None),
    ("Undeny", None, None),
    ("Refuse", None, None),
    ("Block", None, None),
    ("Reject", None, None),
    ("Permit", None, None),
    ("Grant", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("written", "fixed", "offered"), CASES, ids=[c[0] for c in CASES])
def test_only_an_unambiguous_slip_is_fixed(
    written: str, fixed: str | None, offered: str | None
) -> None:
    text = _text(written)
    findings = [f for f in lint(text).findings if f.code == "policy/invalid-effect"]
    assert len(findings) == 1
    fix = findings[0].fix
    assert (json.loads(fix.edits[0].text) if fix else None) == offered
    after = json.loads(fix_all(text))["Statement"][1]["Effect"]  # json.loads: not our reader
    assert after == (fixed if fixed is not None else written)
    assert not (after == "Allow" and fixed is None)  # never widened to a grant


def test_at_least_thirty_cases_and_every_audit_word() -> None:
    written = {c[0] for c in CASES}
    audit = {"Disallow", "NotAllow", "Not Allow", "Don't allow", "Unallow", "DontAllow"}
    assert audit | {"Dissallow", "Allowance", "Allow?", "Denied", "Dny", "Alow"} <= written
    assert len(CASES) >= 30
