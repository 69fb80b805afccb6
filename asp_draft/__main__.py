"""Allow `python -m asp_draft`."""

from asp_draft.cli.main import main

main()
