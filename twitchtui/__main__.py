"""``python -m twitchtui``: the same entry point as the ``twitchtui`` command."""

from .cli import main

raise SystemExit(main())
