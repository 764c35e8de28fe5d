"""An S3 bucket name holds no "/" (S3 User Guide, "General purpose bucket naming rules": only
lower-case letters, digits, dots and hyphens), so `arn:aws:s3:::bucket/*` names objects, never
the bucket: s3:ListBucket on it grants nothing (audit D12: it was labelled [bucket])."""

import json

import pytest

from editor.core.access.grants import grants
from editor.core.access.policy import compile_policy

BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"


@pytest.mark.parametrize(
    ("action", "resource", "types", "mismatch"),
    [
        ("s3:ListBucket", f"{BUCKET}/*", (), True),
        ("s3:ListBucket", BUCKET, ("bucket",), False),
        ("s3:ListBucket", "arn:aws:s3:::amzn-*", ("bucket",), False),
        ("s3:GetObject", f"{BUCKET}/*", ("object",), False),
        ("s3:GetObject", BUCKET, (), True),
    ],
)
def test_bucket_and_object_arns(action: str, resource: str, types: tuple, mismatch: bool) -> None:
    statement = {"Effect": "Allow", "Action": action, "Resource": resource}
    text = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    (grant,) = grants(compile_policy(text, "p"))
    (entry,) = grant.entries
    assert (entry.types, entry.mismatch) == (types, mismatch)
