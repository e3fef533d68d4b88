"""Start the keydesk desktop app: ``python main.py [--db URL]``."""

import sys

from keydesk.app import main

if __name__ == "__main__":
    sys.exit(main())
