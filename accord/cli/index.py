"""Every command of `accord`, the module that defines it and its one-line help, so that `accord
--help` and any one command import only what they need (importing every command module costs
seconds: SQLAlchemy, Alembic, numpy, the extractor). `tests/test_cli_startup.py` checks that this
index says exactly what the command modules define; a command missing from it still runs (all
modules are imported then) but is not listed. A group whose commands live in several modules
names them all, separated by spaces."""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    "agreements": ("agreements", "List stored agreements."),
    "show": ("agreements", "Print an agreement's provision tree."),
    "compliance": ("assessments", "Mean score and compliance % = (mean + 1) / 2."),
    "backup": (
        "backups",
        "Back up the database while it is in use (SQLite online backup; pg_dump for PostgreSQL).",
    ),
    "restore": ("backups", "Restore a backup into the configured database, which must be empty."),
    "bodies": ("bodies", "List registered bodies with their party, parent and number of linked commitments."),
    "body-add": ("bodies", "Register a body."),
    "link": ("links", "Decide a suggested link."),
    "due": ("deadlines", "Commitments and action items coming due, and overdue ones, soonest first."),
    "calendar": ("deadlines", "Write the agreement's dates as iCalendar to standard output (`> file.ics`)."),
    "doctor": (
        "doctor",
        "Find agreements whose history no longer replays and forks in the audit chain; explain them.",
    ),
    "extract": ("extraction", "Find the commitments and terms in a file, without touching the database."),
    "eval": (
        "extraction",
        "Precision, recall and F1 of detection, and accuracy of actors, strength, areas and amounts.",
    ),
    "commitments": ("extraction", "List stored commitments."),
    "review": ("extraction", "Record a person's decision on a commitment; the original extraction is kept."),
    "reextract": (
        "extraction",
        "Run the extractor again, as after a vocabulary was edited; reviewed commitments stay as they are.",
    ),
    "funding": (
        "funding",
        "Pledged vs committed vs disbursed vs spent, per currency; never summed across types or currencies.",
    ),
    "funding-add": ("funding", "Record a money flow."),
    "ingest": (
        "ingest",
        "Store documents with their provision tree; metadata from flags or a sidecar <file>.meta.json.",
    ),
    "sign": ("lifecycle", "Record a party's signature; the agreement enters into effect on the final one."),
    "amend": ("lifecycle", "Propose a new version; it takes effect once every party has consented."),
    "consent": ("lifecycle", "Record a party's written consent to a proposed version."),
    "notice": (
        "lifecycle",
        "Record a termination notice; the agreement ends on the date + the notice days of its terms.",
    ),
    "withdraw-notice": ("lifecycle", "Withdraw the pending termination notice."),
    "timeline": ("lifecycle", "Every act with the date it was made and the date it takes effect."),
    "links": ("links", "Links from later documents to earlier commitments: suggestions and decisions."),
    "lineage": ("links", "A commitment's thread across documents, earlier and later, in date order."),
    "eval-links": ("links", "Recall@3, top-1 precision and explicit links found, against lineage gold."),
    "agenda": (
        "meetings",
        "Draft the agenda: open action items, then commitments due, overdue, stalled or changed.",
    ),
    "minutes": ("meetings", "Draft the minutes (a redraft clears earlier approvals)."),
    "minutes-approve": ("meetings", "A party approves the minutes; they are approved once every party has."),
    "decision": ("meetings", "Record a decision of the meeting."),
    "action": ("meetings", "Record an action item with one owner and a due date."),
    "action-done": ("meetings", "Complete an action item, optionally recording progress with evidence."),
    "progress": ("progress", "Record a party's progress on a commitment, with evidence."),
    "history": ("progress", "Every progress change of a commitment, per party, with its evidence."),
    "report": (
        "reports",
        "The compliance report of a cycle: scores by commitment × party, averages, evidence, methods.",
    ),
    "search": ("search", "Full-text search over provisions and commitments, with the matches highlighted."),
    "serve": ("serve", "Serve the web pages and the REST API."),
    "assess": ("assessments", "Assessment cycles: guidelines, scores, reviews."),
    "audit": ("audit", "The audit trail."),
    "export": ("bulk exports", "Export data."),
    "import": ("bulk", "Import data."),
    "db": ("db", "Database location and schema management."),
    "meeting": ("meetings", "Joint Committee meetings."),
    "user": ("users", "Users and roles."),
    "token": ("users", "API tokens."),
}

# `accord --help` shows the commands in these panels, in this order: what a new user runs first,
# then the work of each role. Every command of COMMANDS is in exactly one (a test checks).
PANELS: dict[str, tuple[str, ...]] = {
    "Start here": ("db", "ingest", "agreements", "show", "search", "serve"),
    "Commitments and progress": (
        "commitments", "review", "progress", "history", "due", "calendar", "extract", "reextract", "eval",
    ),
    "Lifecycle": ("sign", "amend", "consent", "notice", "withdraw-notice", "timeline"),
    "Meetings": ("meeting", "agenda", "minutes", "minutes-approve", "decision", "action", "action-done"),
    "Assessment and funding": ("assess", "compliance", "report", "funding", "funding-add"),
    "Across documents": ("links", "link", "lineage", "eval-links", "bodies", "body-add"),
    "Data and administration": ("export", "import", "backup", "restore", "user", "token", "audit", "doctor"),
}  # fmt: skip
