"""``python -m acrolib``: the same as the ``acrolib`` command."""

import sys

from .cli import entry

sys.exit(entry())
