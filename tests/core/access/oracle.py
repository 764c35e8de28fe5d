"""The oracle: @cloud-copilot/iam-simulate, an IAM evaluator we did not write (TypeScript, on
Node.js), run once per batch of simulations through oracle/simulate.mjs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from editor.core.access.request import account_of, make_context

HERE = Path(__file__).parent / "oracle"
ACCOUNT = "111122223333"
DECISIONS = {
    "Allowed": "allowed",
    "ExplicitlyDenied": "explicitDeny",
    "ImplicitlyDenied": "implicitDeny",
}


def _named(policies: list[dict[str, Any]], stem: str) -> list[dict[str, Any]]:
    return [{"name": f"{stem}{i}", "policy": p} for i, p in enumerate(policies)]


def simulation(case: dict[str, Any]) -> dict[str, Any]:
    """A case {identity: [...], boundary?, scp?, resource_policy?, resource_account?, action,
    resource, principal, context} in the oracle's terms. The resource's account: the one its ARN
    names, else resource_account, else ACCOUNT. The context is the one our engine sees, derived keys
    included (the oracle does not derive aws:username from the principal)."""
    context = make_context(case["context"], case["principal"])
    owner = account_of(case["resource"]) or case.get("resource_account") or ACCOUNT
    sim: dict[str, Any] = {
        "identityPolicies": _named(case["identity"], "identity"),
        "serviceControlPolicies": [],
        "resourceControlPolicies": [],
        "request": {
            "action": case["action"],
            "principal": case["principal"],
            "resource": {
                "accountId": owner,
                "resource": case["resource"],
            },
            "contextVariables": {k: list(v) if len(v) > 1 else v[0] for k, v in context.items()},
        },
    }
    if case.get("boundary"):
        sim["permissionBoundaryPolicies"] = _named([case["boundary"]], "boundary")
    if case.get("resource_policy"):
        sim["resourcePolicy"] = case["resource_policy"]
    if case.get("scp"):
        sim["serviceControlPolicies"] = [
            {"orgIdentifier": "ou-1", "policies": _named([case["scp"]], "scp")}
        ]
    # scp_levels: [[policy, ...], ...], one list per organization level (root, OU, account)
    for n, level in enumerate(case.get("scp_levels", [])):
        entry = {"orgIdentifier": f"ou-{n + 1}", "policies": _named(level, f"scp{n}-")}
        sim["serviceControlPolicies"].append(entry)
    if case.get("rcps"):  # the oracle adds AWS's RCPFullAWSAccess to the level itself
        sim["resourceControlPolicies"] = [
            {"orgIdentifier": "ou-1", "policies": _named(case["rcps"], "rcp")}
        ]
    return sim


def run_oracle(cases: list[dict[str, Any]]) -> list[str]:
    """The oracle's decision for each case, in our words; an oracle error fails loudly."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "@cloud-copilot" / "iam-simulate").is_dir():
        raise RuntimeError("the access oracle is not installed: run bash scripts/setup.sh")
    done = subprocess.run(
        [node, str(HERE / "simulate.mjs")],
        input=json.dumps([simulation(c) for c in cases]),
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    )
    answers = []
    for case, answer in zip(cases, json.loads(done.stdout), strict=True):
        if "error" in answer:
            raise AssertionError(f"the oracle refused {case}: {answer['error']}")
        answers.append(DECISIONS[answer["result"]])
    return answers
