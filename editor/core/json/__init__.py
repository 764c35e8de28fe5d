"""Any text -> a JSON value tree with source ranges and every syntax finding, with repairs.

May import editor.core.text only.
"""
