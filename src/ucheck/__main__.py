import sys

from ucheck.cli import main

sys.exit(main())
