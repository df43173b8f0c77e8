"""`python -m softphone` runs the same command as the `softphone` console script."""

import sys

from softphone.cli import main

sys.exit(main())
