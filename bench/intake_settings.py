"""Settings for ``bench/intake_throughput.py``: the production settings with
the intake rate limits raised, since every simulated person comes from
127.0.0.1. The time trap (INTAKE_MIN_FILL_SECONDS) stays as configured; the
script waits ``--fill-seconds`` between opening and sending the form."""

import os

from advocacy.settings import *  # noqa: F403

INTAKE_SUBMISSIONS_PER_ADDRESS = int(os.environ.get("BENCH_INTAKE_PER_IP_PER_HOUR", "100000"))
INTAKE_CHALLENGE_ABOVE_PER_HOUR = int(os.environ.get("BENCH_INTAKE_PER_HOUR", "100000"))
