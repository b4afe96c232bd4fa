"""How often the load and fault tests repeat their rounds: once in CI, ten
times in ``make soak`` (``SOAK_ROUNDS``)."""

import os

ROUNDS = int(os.environ.get("SOAK_ROUNDS", "1"))
