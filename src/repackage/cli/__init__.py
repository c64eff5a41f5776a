"""The command line (click), thin: each command parses options and calls the library.

``repackage.cli:main`` is the console script; ``cli`` is the same click group.
"""

from repackage.cli.app import main

cli = main

__all__ = ["cli", "main"]
