"""Shared test set-up: where acrolib comes from, and the hypothesis profiles.

The tests run against the installed acrolib (an editable install is the source tree; a
wheel may be the compiled build); only when none is installed is ``src/`` put on
``sys.path``.

Profiles:

* ``ci``  -- 500 examples per property, no deadline; chosen when the ``CI`` variable is set.
* ``dev`` -- about 50 examples per property, no deadline; the default elsewhere.
* ``soak`` -- ten times ``ci`` (5,000, and slow properties ten times their cap), for a long
  fuzzing session: ``HYPOTHESIS_PROFILE=soak python -m pytest --no-cov tests/test_properties.py``.

``HYPOTHESIS_PROFILE=<name>`` overrides both.  A property that is too slow for 500 examples
caps itself with ``@settings(max_examples=...)`` scaled by :func:`examples`.

The glossary cache goes to a folder of the test session (``ACROLIB_CACHE_DIR``, inherited by
the command lines the tests start), so the glossaries tests write never reach the user's.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

_SRC = Path(__file__).resolve().parents[1] / "src"
if importlib.util.find_spec("acrolib") is None and _SRC.is_dir():
    sys.path.insert(0, str(_SRC))

if not os.environ.get("ACROLIB_CACHE_DIR"):
    _CACHE = tempfile.mkdtemp(prefix="acrolib-test-cache-")
    os.environ["ACROLIB_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

_COMMON = {
    "deadline": None,
    "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large),
    "print_blob": True,
}

settings.register_profile("ci", max_examples=500, derandomize=False, **_COMMON)
settings.register_profile("dev", max_examples=50, **_COMMON)
settings.register_profile("soak", max_examples=5000, derandomize=False, **_COMMON)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(PROFILE)
