"""Checks: the engine, the rule table (rules/), findings' reports and IAM's size quotas.

May import editor.core.text, json, catalog and policy.
"""
