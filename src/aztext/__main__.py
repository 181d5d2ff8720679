"""``python -m aztext``: the same as the ``aztext`` console script."""

from aztext.cli import main

raise SystemExit(main())
