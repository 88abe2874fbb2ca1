"""``python -m generator`` runs the ``clearinghouse`` command."""

from generator.cli import main

raise SystemExit(main())
