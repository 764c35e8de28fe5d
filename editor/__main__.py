"""`python -m editor [FILE]` launches the editor window."""

from editor.app import main

raise SystemExit(main())
