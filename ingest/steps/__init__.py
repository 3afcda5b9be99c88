"""The extraction steps, in the order they run. Each is ``doc -> doc``.

``context`` (province, district, lead, organiser) -> ``dates`` (when the events took place) ->
``documents`` (cited numbered documents) -> ``people`` (names and titles) -> ``roles`` (titles
split into posts and bodies) -> ``events`` (kinds, attendees) -> ``clusters`` (emulation clusters
and members) -> ``implementations`` (who implements which document, and document links).
"""

from __future__ import annotations

from collections.abc import Callable

from vietkg.ingest.model import Doc
from vietkg.ingest.steps.clusters import clusters
from vietkg.ingest.steps.context import context
from vietkg.ingest.steps.dates import dates
from vietkg.ingest.steps.documents import documents
from vietkg.ingest.steps.events import events
from vietkg.ingest.steps.implementations import implementations
from vietkg.ingest.steps.people import people
from vietkg.ingest.steps.roles import roles

Step = Callable[[Doc], Doc]

STEPS: list[Step] = [context, dates, documents, people, roles, events, clusters, implementations]
from vietkg.ingest.steps.tenure_cues import tenure_cues  # noqa: E402

STEPS.append(tenure_cues)
