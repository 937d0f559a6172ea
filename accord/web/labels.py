"""The names of stored values, shared with the reports: see `accord.i18n.labels`."""

from __future__ import annotations

from accord.i18n.labels import (
    ACTS,
    AREAS,
    CYCLE_KINDS,
    FLOW_TYPES,
    KINDS,
    LEVELS,
    REVIEW_STATES,
    ROLES,
    STATUSES,
    STRENGTHS,
    VOCABULARIES,
)

__all__ = [
    "ACTS",
    "AREAS",
    "CYCLE_KINDS",
    "FLOW_TYPES",
    "KINDS",
    "LEVELS",
    "REVIEW_STATES",
    "ROLES",
    "STATUSES",
    "STRENGTHS",
    "VOCABULARIES",
]
