"""The action catalog, personas and regions; wildcard and ARN matching; did-you-mean.

May import editor.core.text and editor.core.json.
"""
