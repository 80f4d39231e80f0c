"""Shared test set-up: the source tree on ``sys.path`` and the hypothesis profiles.

Profiles:

* ``ci``  -- 500 examples per property, no deadline; chosen when the ``CI`` variable is set.
* ``dev`` -- about 50 examples per property, no deadline; the default elsewhere.

``HYPOTHESIS_PROFILE=<name>`` overrides both.  A property that is too slow for 500 examples
caps itself with ``@settings(max_examples=...)`` scaled by :func:`examples`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

_SRC = Path(__file__).resolve().parents[1] / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

_COMMON = {
    "deadline": None,
    "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large),
    "print_blob": True,
}

settings.register_profile("ci", max_examples=500, derandomize=False, **_COMMON)
settings.register_profile("dev", max_examples=50, **_COMMON)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)
