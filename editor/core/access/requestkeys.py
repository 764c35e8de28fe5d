"""Keys every request carries. AWS's "AWS global condition context keys" page (IAM User Guide)
says of each of these "This key is always included in the request context" (aws:SourceIp:
unless the call comes through a VPC endpoint). A condition on one the user did not give is
therefore not "the key is absent": it depends on a value we do not know, and the answer is
"unknown: depends on aws:RequestedRegion", never a guess.

Keys whose absence is a real case stay absent when not given, as AWS documents them: e.g.
aws:MultiFactorAuthPresent is not in a call signed with long-term access keys (hence the
`BoolIfExists` of AWS's MFA examples), aws:PrincipalTag/... only when the principal has tags.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# lower-cased key -> AWS's spelling, for the answer
ALWAYS_PRESENT: dict[str, str] = {
    key.lower(): key
    for key in (
        "aws:CurrentTime",
        "aws:EpochTime",
        "aws:RequestedRegion",
        "aws:SecureTransport",
        "aws:SourceIp",
        "aws:PrincipalArn",
        "aws:PrincipalAccount",
        "aws:PrincipalType",
        "aws:userid",
        "aws:ViaAWSService",
        "aws:PrincipalIsAWSService",
    )
}
# Keys whose absence is a real case: not given, they are absent, and the answer says so when a
# deciding statement tests them (the global keys page: "not present when an API or CLI command
# is called with long-term credentials, such as user access key pairs").
ABSENT_MEANS: dict[str, str] = {
    "aws:multifactorauthpresent": "aws:MultiFactorAuthPresent",
    "aws:multifactorauthage": "aws:MultiFactorAuthAge",
}
REGION = "aws:requestedregion"
ASSUMED_REGION = "assuming aws:RequestedRegion="


def always_present(key_lower: str) -> bool:
    return key_lower in ALWAYS_PRESENT


def spelled(key_lower: str) -> str:
    return ALWAYS_PRESENT.get(key_lower, key_lower)


def assume_region(
    context: Mapping[str, tuple[str, ...]], resources: Sequence[str]
) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The context with aws:RequestedRegion taken from the targets' region when the user gave
    none and they agree on one (a Chime call goes to its resource's Region), and the
    assumption said in words for the answer."""
    out = dict(context)
    if REGION in out:
        return out, []
    regions = {fields[3] for arn in resources if len(fields := arn.split(":", 5)) == 6}
    regions.discard("")
    if len(regions) != 1 or any(c in next(iter(regions)) for c in "*?$"):
        return out, []
    region = regions.pop()
    out[REGION] = (region,)
    return out, [f"{ASSUMED_REGION}{region}, the target ARN's region"]


def absent_notes(tested: set[str], context: Mapping[str, tuple[str, ...]]) -> list[str]:
    """What the answer took as absent among the keys the deciding statements test."""
    return [
        f"taking {name} as absent: a call signed with long-term access keys "
        "(give it for a console or MFA session)"
        for key, name in ABSENT_MEANS.items()
        if key in tested and key not in context
    ]
