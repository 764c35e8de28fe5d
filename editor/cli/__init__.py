"""The `chime-policy` command line: one module per command, argument parsing in main.py,
shared input and exit codes in common.py. May import editor.core, never editor.ui."""
