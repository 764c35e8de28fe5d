"""Regenerate resources/kinds.json: what each kind of policy may and must hold.

Run:  python tools/build_kinds.py

No package ships these facts, so they are typed in here from the pages cited next to each
one, and the output records those pages as its sources. The kinds are IAM Access Analyzer's
(its ValidatePolicy `policyType`, plus the role trust policy it validates as the resource
type AWS::IAM::AssumeRolePolicyDocument) and the permissions boundary, an identity policy
used as a limit.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "resources" / "kinds.json"

ACCESS_ANALYZER = (
    "https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html"
)
PRINCIPAL_PAGE = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
)
TRUST_PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html"
QUOTAS_PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
SCP_PAGE = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html"
RCP_PAGE = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html"
ORG_QUOTAS = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html"
BOUNDARY_PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html"
ACCESS_ANALYZER_CHECKS = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
)
STS_PAGE = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html"

# The STS actions a role trust policy may allow (STS_PAGE, TRUST_PAGE): the three ways to
# assume a role and the three that pass session data along with it.
TRUST_ACTIONS = (
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:SetContext",
    "sts:SetSourceIdentity",
    "sts:TagSession",
)
# The keys of a Principal object and the web identity providers that may stand bare in
# "Federated" (PRINCIPAL_PAGE); other OIDC and SAML providers are named by their IAM ARN.
PRINCIPAL_KEYS = ("AWS", "CanonicalUser", "Federated", "Service")
WEB_IDENTITY_PROVIDERS = (
    "accounts.google.com",
    "cognito-identity.amazonaws.com",
    "graph.facebook.com",
    "www.amazon.com",
)

KINDS: list[dict[str, Any]] = [
    {
        "id": "identity",
        "label": "identity policy",
        "access_analyzer": "IDENTITY_POLICY",
        "required": ["Resource"],
        "forbidden": ["Principal", "NotPrincipal"],
        "size_limit": None,  # the quota the user picks: managed or inline (QUOTAS_PAGE)
        "strict_sid": True,
        "source": ACCESS_ANALYZER,
    },
    {
        "id": "resource",
        "label": "resource-based policy",
        "access_analyzer": "RESOURCE_POLICY",
        "required": ["Principal", "Resource"],
        "forbidden": [],
        "size_limit": None,  # each service sets its own (S3 20 KB, SQS 8 KB ...): not checked
        "strict_sid": False,  # S3, SQS, SNS accept any Sid string
        "source": PRINCIPAL_PAGE,
    },
    {
        "id": "trust",
        "label": "role trust policy",
        "access_analyzer": "RESOURCE_POLICY",
        "required": ["Principal"],
        # IAM: "Has prohibited field Resource"; Access Analyzer: "Role trust policies do not
        # support NotPrincipal" (ACCESS_ANALYZER_CHECKS)
        "forbidden": ["Resource", "NotResource", "NotPrincipal"],
        "size_limit": 2048,  # role trust policy length, default quota (QUOTAS_PAGE)
        "strict_sid": True,
        "source": TRUST_PAGE,
    },
    {
        "id": "scp",
        "label": "service control policy",
        "access_analyzer": "SERVICE_CONTROL_POLICY",
        "required": ["Resource"],
        "forbidden": ["Principal", "NotPrincipal"],
        "size_limit": 5120,  # ORG_QUOTAS
        "strict_sid": True,
        "source": SCP_PAGE,
    },
    {
        "id": "rcp",
        "label": "resource control policy",
        "access_analyzer": "RESOURCE_CONTROL_POLICY",
        "required": ["Principal", "Resource"],
        "forbidden": ["NotPrincipal", "NotAction"],
        "size_limit": 5120,  # ORG_QUOTAS
        "strict_sid": True,
        "deny_only": True,  # Allow is for AWS's own RCPFullAWSAccess only
        "principal_star_only": True,  # narrow principals with Conditions instead
        "source": RCP_PAGE,
    },
    {
        "id": "boundary",
        "label": "permissions boundary",
        "access_analyzer": "IDENTITY_POLICY",
        "required": ["Resource"],
        "forbidden": ["Principal", "NotPrincipal"],
        "size_limit": 6144,  # a boundary is a managed policy: its quota (QUOTAS_PAGE)
        "strict_sid": True,
        "source": BOUNDARY_PAGE,
    },
]


def _with_defaults(kind: dict[str, Any]) -> dict[str, Any]:
    # SCPs, RCPs and boundaries only limit: an Allow of "*" there grants nothing.
    grants = kind["id"] not in ("scp", "rcp", "boundary")
    return {"deny_only": False, "principal_star_only": False, "grants": grants, **kind}


def build() -> dict[str, Any]:
    return {
        "provenance": {
            "generated": dt.date.today().isoformat(),
            "generator": "tools/build_kinds.py",
            "sources": [
                {"url": ACCESS_ANALYZER, "used_for": "the kinds and their names"},
                {"url": PRINCIPAL_PAGE, "used_for": "Principal keys and forms"},
                {"url": TRUST_PAGE, "used_for": "role trust policies"},
                {"url": STS_PAGE, "used_for": "actions a trust policy allows"},
                {"url": QUOTAS_PAGE, "used_for": "role trust policy size"},
                {"url": SCP_PAGE, "used_for": "SCP elements"},
                {"url": RCP_PAGE, "used_for": "RCP elements, Principal '*', Deny only"},
                {"url": ORG_QUOTAS, "used_for": "SCP and RCP size"},
                {"url": BOUNDARY_PAGE, "used_for": "permissions boundaries"},
                {"url": ACCESS_ANALYZER_CHECKS, "used_for": "NotPrincipal in trust policies"},
            ],
        },
        "trust_actions": list(TRUST_ACTIONS),
        "principal_keys": list(PRINCIPAL_KEYS),
        "web_identity_providers": list(WEB_IDENTITY_PROVIDERS),
        "kinds": [_with_defaults(k) for k in KINDS],
    }


def main() -> None:
    OUTPUT.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
