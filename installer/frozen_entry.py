"""The frozen app's entry point: the same command as ``softphone`` / ``python -m softphone``."""

import sys

from softphone.cli import main

if __name__ == "__main__":
    sys.exit(main())
