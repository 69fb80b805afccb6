"""Allow `python -m asp_draft`."""

from asp_draft.cli import main

main()
