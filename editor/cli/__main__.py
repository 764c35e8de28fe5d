"""`python -m editor.cli ARGS` runs the `chime-policy` command."""

from editor.cli.main import main

raise SystemExit(main())
