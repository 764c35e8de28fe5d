"""Is a file's text a policy, or a file that holds policies (a template, a page)? Its own
module: opening or linting a plain policy file needs this answer and none of the readers of
templates, Terraform files and pages that `containers` brings in."""

from __future__ import annotations


def looks_like_policy(text: str) -> bool:
    """A policy file (even a broken one), not a file holding policies."""
    stripped = text.lstrip("\ufeff \t\r\n")
    return stripped.startswith("{") and '"Resources"' not in text and "jsonencode(" not in text


# Said of a finding whose fix does not map onto the file's own text (an item removed from a
# YAML list, a key added): fix leaves it and says where it can be made. Here, so that the
# command line can recognise it without importing the readers of templates.
NOT_IN_PLACE = "its fix cannot be made in this file's own text"
