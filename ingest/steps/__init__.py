"""The extraction steps, in the order they run. Each is ``doc -> doc``."""

from __future__ import annotations

from collections.abc import Callable

from vietkg.ingest.model import Doc

Step = Callable[[Doc], Doc]

STEPS: list[Step] = []
