"""IAM evaluation: decisions, the grants summary and the no-new-access diff.

May import editor.core.text, editor.core.json, editor.core.catalog and editor.core.policy.
"""
