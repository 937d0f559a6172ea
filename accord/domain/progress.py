"""Progress on a commitment, per party, in OGP's completion levels."""

from __future__ import annotations

from accord.domain.choices import Choices


class Level(Choices, noun="progress level"):
    NO_EVIDENCE = "no_evidence"  # nothing reported yet: never scored as failure
    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"

    @property
    def needs_evidence(self) -> bool:
        """A claim of progress must be backed; 'no evidence' and 'not started' claim none."""
        return self in (Level.LIMITED, Level.SUBSTANTIAL, Level.COMPLETE, Level.WITHDRAWN)
