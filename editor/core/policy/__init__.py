"""The policy model: statement views, ARN values, generation, selections, the editor's state.

May import editor.core.text, json and catalog.
"""
