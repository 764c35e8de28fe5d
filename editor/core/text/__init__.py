"""Text positions (offsets <-> line and column), findings, fixes and text edits.

The base of the pipeline: imports nothing of ours.
"""
