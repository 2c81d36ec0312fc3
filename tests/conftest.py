"""Suite-wide test configuration.

Hypothesis runs derandomized by default (the `ci` profile of STYLE.md), so a run is
reproducible and CI cannot turn red on a new random draw; set HYPOTHESIS_PROFILE=dev for
fresh random examples while developing.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
