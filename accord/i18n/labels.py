"""Names shown for the values the record stores: areas, strengths, levels, states, roles, kinds, acts.

Each is an English msgid marked for extraction; the page or the report translates it into its
language. A test checks that every value of each vocabulary has a label here.
"""

from __future__ import annotations

from accord.i18n import N_, translate

AREAS = {
    "ai": N_("Artificial intelligence"),
    "telecom": N_("Telecommunications and 6G"),
    "quantum": N_("Quantum"),
    "semiconductors": N_("Semiconductors"),
    "batteries": N_("Batteries and critical minerals"),
    "biotech": N_("Biotechnology"),
    "health": N_("Health"),
    "space": N_("Space"),
    "supply_chain": N_("Supply chains"),
    "investment": N_("Investment"),
    "research_security": N_("Research security"),
    "science_exchange": N_("Science and people exchange"),
    "digital": N_("Digital economy"),
    "climate_energy": N_("Climate and energy"),
    "defense": N_("Defence"),
    "diplomacy": N_("Diplomacy and development"),
    "trade": N_("Trade"),
    "governance": N_("Governance of the agreement"),
}

STRENGTHS = {
    "firm": N_("Firm"),
    "intent": N_("Intent"),
    "aspiration": N_("Aspiration"),
}

LEVELS = {
    "no_evidence": N_("No evidence"),
    "not_started": N_("Not started"),
    "limited": N_("Limited"),
    "substantial": N_("Substantial"),
    "complete": N_("Complete"),
    "withdrawn": N_("Withdrawn"),
}

STATUSES = {
    "issued": N_("Issued"),
    "draft": N_("Draft"),
    "signed_by_some": N_("Signed by some parties"),
    "in_effect": N_("In effect"),
    "notice_given": N_("Notice given"),
    "discontinued": N_("Discontinued"),
}

REVIEW_STATES = {
    "extracted": N_("Extracted, not reviewed"),
    "accepted": N_("Accepted"),
    "edited": N_("Edited by a reviewer"),
    "rejected": N_("Rejected"),
}

ROLES = {
    "viewer": N_("viewer"),
    "editor": N_("editor"),
    "secretariat": N_("secretariat"),
    "analyst": N_("analyst"),
    "admin": N_("admin"),
}

KINDS = {
    "mou": N_("Memorandum of understanding"),
    "fact_sheet": N_("Fact sheet"),
    "joint_statement": N_("Joint statement"),
    "communique": N_("Communiqué"),
    "declaration": N_("Declaration"),
    "agreement": N_("Agreement"),
    "arrangement": N_("Arrangement"),
    "other": N_("Other document"),
}

ACTS = {
    "sign": N_("Signature"),
    "propose_amendment": N_("Amendment proposed"),
    "consent": N_("Consent to an amendment"),
    "notice": N_("Notice of discontinuation"),
    "withdraw_notice": N_("Notice withdrawn"),
}

FLOW_TYPES = {
    "pledge": N_("Pledged"),
    "commitment": N_("Committed"),
    "disbursement": N_("Disbursed"),
    "expenditure": N_("Spent"),
}

LINK_STATUSES = {
    "suggested": N_("waiting for review"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
}

CYCLE_KINDS = {
    "interim": N_("Interim assessment"),
    "final": N_("Final assessment"),
}

VOCABULARIES = {
    "area": AREAS,
    "strength": STRENGTHS,
    "level": LEVELS,
    "status": STATUSES,
    "review": REVIEW_STATES,
    "role": ROLES,
    "kind": KINDS,
    "act": ACTS,
    "flow": FLOW_TYPES,
    "cycle": CYCLE_KINDS,
    "link": LINK_STATUSES,
}


def label(language: str, vocabulary: str, value: str | None) -> str:
    """The name of a stored value in `language`; a value the vocabulary lacks is shown as stored."""
    if value is None:
        return ""
    known = VOCABULARIES[vocabulary].get(value)
    return translate(language, known) if known else value
