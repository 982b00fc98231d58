"""``python -m ucheck.cli``: the same as ``ucheck``."""

import sys

from ucheck.cli import main

sys.exit(main())
