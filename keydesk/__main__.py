"""``python -m keydesk`` is the ``keydesk`` command."""

import sys

from keydesk.cli import main

sys.exit(main())
