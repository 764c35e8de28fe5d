"""One root cause, one finding: the issue's real-world cases, and a property test that a
clean policy with one injected defect gets at most two findings (the defect and at most one
consequence)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.lint.engine import fix_all, lint
from tests.core.kind_examples import CLEAN
from tests.core.lint.test_other_linters import CLEAN as OTHER_LINTERS
from tests.core.policies import CHANNEL, USER, policy, statement

# The user role of the Chime SDK DG, "Authenticating end-user client applications"
# (https://docs.aws.amazon.com/chime-sdk/latest/dg/auth-client-apps.html), as printed.
CLIENT_APP_USER_ROLE = """{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "chime:GetMessagingSessionEndpoint"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "chime:SendChannelMessage",
                "chime:ListChannelMessages",
                "chime:CreateChannelMembership",
                "chime:ListChannelMemberships",
                "chime:DeleteChannelMembership",
                "chime:CreateChannelModerator",
                "chime:ListChannelModerators",
                "chime:DescribeChannelModerator",
                "chime:CreateChannel",
                "chime:DescribeChannel",
                "chime:ListChannels",
                "chime:DeleteChannel",
                "chime:RedactChannelMessage",
                "chime:UpdateChannelMessage",
                "chime:Connect",
                "chime:ListChannelMembershipsForAppInstanceUser",
                "chime:CreateChannelBan",
                "chime:ListChannelBans",
                "chime:DeleteChannelBan",
                "chime:ListChannelMessages",
                "chime:UpdateChannelReadMarker",
                "chime:GetChannelMessage"
            ],
            "Resource": [
                "{chime_app_instance_arn}/user/${my_applications_user_id}",
                "{chime_app_instance_arn}/channel/*"
            ]
        }
    ]
}
"""


def codes(text: str) -> list[str]:
    return [f.code for f in lint(text).findings]


def test_an_arn_placeholder_is_one_finding_not_one_per_action() -> None:
    found = codes(CLIENT_APP_USER_ROLE)
    assert "resource/mismatch" not in found and "resource/missing-target" not in found
    # {chime_app_instance_arn} twice, and ${my_applications_user_id}: no IAM variable has
    # that name (the page meant ${aws:PrincipalTag/my_applications_user_id})
    assert found.count("resource/placeholder") == 3
    assert "resource/invalid-arn" not in found  # the placeholder is where the ARN begins


def test_an_unquoted_effect_is_one_finding() -> None:
    text = policy(statement("chime:Connect", USER)).replace('"Allow"', "Allow")
    assert codes(text) == ["json/unexpected"]


def test_a_real_region_placeholder_keeps_the_authorization_check() -> None:
    """The seed's forgotten channel-flow ARN is still found beside its placeholders."""
    arn = "arn:aws:chime:region:{aws_account_id}:app-instance/{app_instance_id}"
    text = policy(statement("chime:AssociateChannelFlow", [arn + "/channel/*"]))
    assert "resource/missing-target" in codes(text)


def _with_ellipsis(mark: str) -> str:
    return policy(statement(["chime:Connect", "MARK"], USER)).replace('"MARK"', mark)


def test_an_ellipsis_in_a_list_is_one_finding_and_fix_deletes_it_with_its_comma() -> None:
    for mark in ("...", "\u2026"):
        text = _with_ellipsis(mark)
        assert codes(text) == ["json/ellipsis"]
        fixed = fix_all(text)
        assert json.loads(fixed)["Statement"][0]["Action"] == ["chime:Connect"]
        assert "." not in fixed.split('"Action"')[1].split("]")[0].replace("chime:", "")
    middle = policy(statement(["chime:SendChannelMessage", "x", "chime:Connect"], USER))
    fixed = fix_all(middle.replace('"x"', "..."))
    assert json.loads(fixed)["Statement"][0]["Action"] == [
        "chime:SendChannelMessage",
        "chime:Connect",
    ]


# -- the property --------------------------------------------------------------------------

BASES = [
    policy(statement("chime:Connect", USER), statement("chime:GetMessagingSessionEndpoint", "*")),
    policy(statement(["chime:SendChannelMessage", "chime:ListChannelMessages"], [USER, CHANNEL])),
    *(e.text for e in CLEAN if not e.name.startswith("rcp-full")),
    *(c.text for c in OTHER_LINTERS if not c.label),  # parliament's, cfn-policy-validator's
]
assert all(codes(base) == [] for base in BASES)  # the property is about the defect alone


def _nth(pattern: str, text: str, n: int, make: Callable[[re.Match[str]], str]) -> str | None:
    matches = list(re.finditer(pattern, text))
    if not matches:
        return None
    m = matches[n % len(matches)]
    return text[: m.start()] + make(m) + text[m.end() :]


# Each defect: (name, (text, n) -> the text with that defect at its n-th possible place)
DEFECTS: list[tuple[str, Callable[[str, int], str | None]]] = [
    ("missing comma", lambda t, n: _nth(r",(?=\s*\n)", t, n, lambda m: "")),
    ("trailing comma", lambda t, n: _nth(r"\"(?=\s*\n\s*[\]}])", t, n, lambda m: '",')),
    ("unquoted value", lambda t, n: _nth(r'"(Allow|Deny)"', t, n, lambda m: m.group(1))),
    ("single quotes", lambda t, n: _nth(r'"([A-Za-z]+)"(?=:)', t, n, lambda m: f"'{m[1]}'")),
    ("smart quotes", lambda t, n: _nth(r'"(\w+)"(?=,?\s*\n)', t, n, lambda m: f"“{m[1]}”")),
    ("lower-case key", lambda t, n: _nth(r'"(Effect|Action|Resource)"', t, n,
                                         lambda m: f'"{m[1].lower()}"')),
    ("ellipsis", lambda t, n: _nth(r'("[a-z0-9-]+:[A-Za-z*]+")(?=,?\s*\n)', t, n,
                                   lambda m: m[1] + ", ...")),
    ("account placeholder", lambda t, n: _nth(r"\d{12}", t, n, lambda m: "{aws_account_id}")),
    ("region typo", lambda t, n: _nth(r"us-east-1", t, n, lambda m: "us-esat-1")),
    ("mis-cased action", lambda t, n: _nth(r'"chime:([A-Z])', t, n,
                                           lambda m: f'"chime:{m[1].lower()}')),
    ("comment", lambda t, n: _nth(r"\n", t, n, lambda m: "\n// pasted from the docs\n")),
    ("no Version", lambda t, n: _nth(r'"Version": "2012-10-17",', t, n, lambda m: "")),
    # Stray tokens (tests/core/json/test_stray_tokens.py has them one by one)
    ("stray word after a value", lambda t, n: _nth(r'",(?=[ \t]*\n)', t, n,
                                                   lambda m: '",abc')),
    ("stray word before a key", lambda t, n: _nth(r'\n([ \t]*)"(?=\w+":)', t, n,
                                                  lambda m: f'\n{m[1]}abc "')),
    ("stray ] on its own line", lambda t, n: _nth(r'",\n', t, n, lambda m: '",\n]\n')),
    ("stray } after a comma", lambda t, n: _nth(r'",(?=\n)', t, n, lambda m: '",}')),
    ("number glued to a string", lambda t, n: _nth(r'"(?=,[ \t]*\n)', t, n, lambda m: '"1')),
    ("word at the end of a list", lambda t, n: _nth(r'"(?=\s*\n\s*\])', t, n,
                                                    lambda m: '" abc')),
    ("duplicated colon", lambda t, n: _nth(r'":', t, n, lambda m: '"::')),
    ("no comma, key without its opening quote", lambda t, n: _nth(
        r'([\]}"]),(\s*\n\s*)"(?=\w+":)', t, n, lambda m: m[1] + m[2])),
    ("stray word in an Action list", lambda t, n: _nth(
        r'("[a-z0-9-]+:[A-Za-z*]+"),(?=\s*\n\s*")', t, n, lambda m: m[1] + ",abc")),
]  # fmt: skip


def _injected(base: str, inject: Callable[[str, int], str | None], n: int) -> tuple[str, str]:
    """`base` with the defect at its n-th place; where `base` has none, the first base that
    has one (every defect has a place in the first two)."""
    for candidate in [base, *BASES]:
        text = inject(candidate, n)
        if text is not None and text != candidate:
            return candidate, text
    raise AssertionError("a defect with no place in any base")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(BASES),
    st.sampled_from(DEFECTS),
    st.integers(min_value=0, max_value=50),
)
def test_one_injected_defect_gives_at_most_two_findings(
    base: str, defect: tuple[str, Callable[[str, int], str | None]], n: int
) -> None:
    name, inject = defect
    base, text = _injected(base, inject, n)
    found = lint(text).findings
    assert 1 <= len(found) <= 2, (name, [(f.code, f.message) for f in found])


def test_every_defect_in_every_base_at_three_places_gives_at_most_two_findings() -> None:
    """The same property over every base and defect, not a sample: each defect at its first
    three places in each base where it has one (a base without such a place is skipped for
    that defect; the test fails if some defect has a place in none)."""
    checked: dict[str, int] = {name: 0 for name, _ in DEFECTS}
    loud = []
    for base in BASES:
        for name, inject in DEFECTS:
            seen = set()
            for n in range(3):
                text = inject(base, n)
                if text is None or text == base or text in seen:
                    continue
                seen.add(text)
                checked[name] += 1
                found = lint(text).findings
                if not 1 <= len(found) <= 2:
                    loud.append((name, base[:60], [f.code for f in found]))
    assert loud == []
    assert all(checked.values()), checked


def _granted(value: object) -> set[tuple[str, str, str, str]]:
    """(effect, Action or NotAction, action, resource) of every statement, as json.loads
    reads them: what a fix must not take away."""
    found: set[tuple[str, str, str, str]] = set()
    listed = value.get("Statement", []) if isinstance(value, dict) else []
    for one in listed if isinstance(listed, list) else [listed]:
        for key in ("Action", "NotAction"):
            names = one.get(key, [])
            resources = one.get("Resource", one.get("NotResource", ["(none)"]))
            for name in [names] if isinstance(names, str) else names:
                for resource in [resources] if isinstance(resources, str) else resources:
                    found.add((str(one.get("Effect")), key, str(name), str(resource)))
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(BASES),
    st.sampled_from(DEFECTS),
    st.integers(min_value=0, max_value=50),
)
def test_fix_all_on_one_injected_defect_gives_json_with_every_grant_or_changes_nothing(
    base: str, defect: tuple[str, Callable[[str, int], str | None]], n: int
) -> None:
    name, inject = defect
    base, text = _injected(base, inject, n)  # a defect in every case: the assertion runs
    assert _fixed_well_or_untouched(base, text) is not None, name


def _fixed_well_or_untouched(base: str, text: str) -> bool | None:
    """True: Fix all gave text json.loads accepts with every grant of `base`; False: it left
    the text as it was; None: neither (it wrote something worse)."""
    fixed = fix_all(text)
    if fixed == text:
        return False
    try:
        value = json.loads(fixed)  # an oracle we did not write
    except ValueError:
        return None
    return True if _granted(value) >= _granted(json.loads(base)) else None


def test_fix_all_on_every_defect_in_every_base_at_three_places() -> None:
    """The same over every base and defect at its first three places, and Fix all repairs
    each stray-token defect somewhere: the property is not kept by changing nothing."""
    worse, repaired = [], dict.fromkeys((name for name, _ in DEFECTS), 0)
    for base in BASES:
        for name, inject in DEFECTS:
            for text in {inject(base, n) for n in range(3)} - {None, base}:
                assert text is not None
                outcome = _fixed_well_or_untouched(base, text)
                if outcome is None:
                    worse.append((name, text))
                repaired[name] += bool(outcome)
    assert worse == []
    stray = DEFECTS[[name for name, _ in DEFECTS].index("stray word after a value") :]
    # A word inside an Action list is never deleted by Fix all (it may be a meant action):
    # those two are left to the user (tests/core/lint/test_value_words.py)
    in_lists = {"word at the end of a list", "stray word in an Action list"}
    assert all(repaired[name] for name, _ in stray if name not in in_lists), repaired
