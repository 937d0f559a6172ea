"""`accord extract`, `accord eval`, `accord commitments`, `accord review`, `accord reextract`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from accord.cli.app import app, console, state
from accord.cli.listing import AsJson, print_json
from accord.cli.metadata import Date, Kind, Parties, Title, flags_meta, warn
from accord.domain.shapes import plain
from accord.errors import InputError

if TYPE_CHECKING:
    from accord.extract.evaluation import DocumentScore
    from accord.services.commitment_views import CommitmentView

# The extractor is imported inside `extract` and `eval` only: `commitments`
# and `review` live here too and are read often (the extractor would add a tenth of a second).


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A document (.txt .md .html .pdf .docx).")],
    meta: Annotated[
        Path | None, typer.Option(help="Metadata file (default: the sidecar <file>.meta.json).")
    ] = None,
    title: Title = None,
    date: Date = None,
    kind: Kind = None,
    parties: Parties = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the shape `accord eval` and score.py read).")
    ] = False,
    explain: Annotated[bool, typer.Option(help="Show which rule found what, and why.")] = False,
) -> None:
    """Find the commitments and terms in a file, without touching the database."""
    flags = flags_meta(title=title, date=date, kind=kind, parties=parties)
    from accord.extract.files import document_meta, extract_file

    metadata = document_meta(path, meta, flags)
    warn(metadata.warnings)
    result, extraction = extract_file(path, metadata)
    if as_json:
        if explain:
            for record, commitment in zip(result["commitments"], extraction.commitments, strict=True):
                record["explanations"] = list(commitment.explanations)
        print_json(result)
        return
    document = result["document"]
    console.print(
        f"[bold]{escape(document['title'])}[/]  {document['kind']} · {document['date'] or 'undated'} · "
        f"{' '.join(document['parties']) or 'parties unknown'}",
        highlight=False,
    )
    terms = document["terms"]
    binding = {True: "legally binding", False: "not legally binding", None: "binding: not stated"}[
        document["legally_binding"]
    ]
    console.print(
        f"{binding} · entry into force: {terms['entry_into_force'] or '—'} · amendment: {terms['amendment'] or '—'} · "
        f"notice: {str(terms['termination_notice_days']) + ' days' if terms['termination_notice_days'] else '—'} · "
        f"implementation: {terms['implementation'] or '—'}",
        highlight=False,
    )
    table = _table()
    for number, (record, commitment) in enumerate(
        zip(result["commitments"], extraction.commitments, strict=True), 1
    ):
        _row(table, str(number), record)
        if explain:
            table.add_row("", "[dim]" + escape("\n".join("• " + e for e in commitment.explanations)) + "[/]")
    console.print(table)
    console.print(f"{len(result['commitments'])} commitments", highlight=False)


def _table() -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("commitment", ratio=1)
    return table


_COLORS = {"firm": "green", "intent": "yellow", "aspiration": "magenta"}


def _row(table: Table, number: str, record: dict) -> None:
    """Two lines per commitment: who, how firmly, in which areas; then the quote and any money or time."""
    color = _COLORS.get(record["strength"], "")
    head = (
        f"[bold]{' '.join(record['actors'])}[/] · [{color}]{record['strength']}[/] · "
        f"{escape(', '.join(record['areas']) or 'no area')}"
    )
    extras = [
        f"{amount['currency']} {amount['value']:,}"
        + (f" over {amount['period']}" if amount["period"] else "")
        + (f" ({amount['actor']})" if amount["actor"] else "")
        for amount in record["amounts"]
    ]
    if record["timeframe"]:
        extras.append(f"{record['timeframe']}" + (f" → due {record['due']}" if record["due"] else ""))
    if record["bodies"]:
        extras.append("bodies: " + ", ".join(record["bodies"]))
    quote = record["quote"] if len(record["quote"]) <= 240 else record["quote"][:239] + "…"
    extra = ("\n[cyan]" + escape(" · ".join(extras)) + "[/]") if extras else ""
    table.add_row(number, f"{head}\n{escape(quote)}{extra}")


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files (*.gold.json), or folders of them; each names its document beside it."
        ),
    ],
    as_json: AsJson = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "-v", "--verbose", help="List every miss, spurious finding and wrong field, grouped by cause."
        ),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="With -v: show the rule trace of each one.")
    ] = False,
) -> None:
    """Precision, recall and F1 of detection, and accuracy of actors, strength, areas and amounts."""
    from accord.extract.evaluation import evaluate, gold_files

    scores, overall = evaluate(gold_files(gold), explain=verbose or explain)
    if as_json:
        print(
            json.dumps(
                {
                    "documents": [
                        {
                            "document": s.document,
                            **s.counts.summary(),
                            "missed": s.counts.missed,
                            "spurious": s.counts.spurious,
                            "issues": [
                                {
                                    "kind": i.kind,
                                    "cause": i.cause,
                                    "quote": i.quote,
                                    "detail": i.detail,
                                    "trace": list(i.trace),
                                }
                                for i in s.counts.issues
                            ],
                            "terms": {"gold": s.terms_gold, "predicted": s.terms_pred},
                        }
                        for s in scores
                    ],
                    "overall": overall,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 1), collapse_padding=True)
    table.add_column("document", overflow="fold", min_width=22)
    for column in ("P", "R", "F1", "actor", "str.", "area", "amt", "found"):
        table.add_column(column, justify="right", no_wrap=True)
    metrics = ("precision", "recall", "f1", "actor_acc", "strength_acc", "area_f1")
    for document in scores:
        one = document.counts.summary()
        name = document.document.removesuffix(".txt")
        table.add_row(name, *(f"{one[k]:.2f}" for k in metrics), one["amounts"], f"{one['tp']}/{one['gold']}")
    table.add_row(
        "[bold]overall[/]",
        *(f"[bold]{overall[k]:.2f}[/]" for k in metrics),
        overall["amounts"],
        f"{overall['tp']}/{overall['gold']}",
    )
    console.print(table)
    if verbose or explain:
        _print_issues(scores, explain)


_KIND_STYLE = {"missed": "red", "spurious": "yellow"}


def _print_issues(scores: list[DocumentScore], explain: bool) -> None:
    """Every issue of every document, grouped by kind and cause, the largest groups first."""
    everything = [(document.document, issue) for document in scores for issue in document.counts.issues]
    from accord.extract.diagnosis import group

    groups = group(issue for _, issue in everything)
    where = {id(issue): name for name, issue in everything}
    for (kind, cause), issues in groups.items():
        style = _KIND_STYLE.get(kind, "magenta")
        console.print(f"\n[bold {style}]{kind}[/] [bold]{escape(cause)}[/] ({len(issues)})", highlight=False)
        for issue in issues:
            name = where[id(issue)].removesuffix(".txt")
            detail = f" [dim]{escape(issue.detail)}[/]" if issue.detail and issue.detail != cause else ""
            console.print(f"  {escape(name)}: {escape(_clip(issue.quote))}{detail}", highlight=False)
            if explain:
                for line in issue.trace:
                    console.print(f"      [dim]· {escape(line)}[/]", highlight=False)


def _clip(quote: str, width: int = 140) -> str:
    return quote if len(quote) <= width else quote[: width - 1] + "…"


@app.command()
def commitments(
    agreement: Annotated[str | None, typer.Argument(help="Agreement id or slug (default: all).")] = None,
    area: Annotated[str | None, typer.Option(help="Only this area, e.g. ai.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only commitments of this party, e.g. KR.")] = None,
    strength: Annotated[str | None, typer.Option(help="firm, intent or aspiration.")] = None,
    rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Show rejected commitments too.")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """List stored commitments."""
    if state.sqlite is not None:
        from accord.services.commitment_views import list_commitments_from_file

        views = list_commitments_from_file(
            state.sqlite, agreement, area=area, actor=actor, strength=strength, include_rejected=rejected
        )
    else:
        from accord.services.commitments import list_commitments

        views = list_commitments(
            state.db, agreement, area=area, actor=actor, strength=strength, include_rejected=rejected
        )
    if as_json:
        print_json([plain(v) for v in views])
        return
    table = _table()
    table.columns[0].header = "id"
    for view in views:
        _row(
            table,
            str(view.id) + ("" if view.review_state == "extracted" else f"\n[dim]{view.review_state}[/]"),
            _record(view),
        )
    console.print(table)
    console.print(f"{len(views)} commitments", highlight=False)


def _record(view: CommitmentView) -> dict:
    return {**plain(view)}


@app.command("review")
def review_command(
    commitment: Annotated[int, typer.Argument(help="Commitment id (see `accord commitments`).")],
    accept: Annotated[bool, typer.Option("--accept", help="Confirm the extraction as it is.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Not a commitment.")] = False,
    sets: Annotated[
        list[str] | None, typer.Option("--set", help="FIELD=VALUE: actors, strength, areas, timeframe, due.")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Who decides (recorded with the review).")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
) -> None:
    """Record a person's decision on a commitment; the original extraction is kept."""
    from accord.services.commitments import review

    pairs = []
    for item in sets or []:
        field, sep, value = item.partition("=")
        if not sep:
            raise InputError(
                f"--set needs FIELD=VALUE, got {item!r}",
                hint="e.g. --set strength=intent or --set actors=US,KR",
            )
        pairs.append((field.strip(), value))
    view = review(
        state.db, commitment, accept=accept, reject=reject, sets=pairs, reviewer=by, note=note, by=None
    )
    console.print(
        f"commitment {view.id}: {view.review_state} · {' '.join(view.actors)} · {view.strength} · "
        f"{', '.join(view.areas)}",
        highlight=False,
    )


@app.command("reextract")
def reextract_command(
    agreements: Annotated[list[str], typer.Argument(help="Agreement ids or slugs.")],
) -> None:
    """Run the extractor again, as after a vocabulary was edited; reviewed commitments stay as they are."""
    from accord.services.commitments import reextract

    for agreement in agreements:
        result = reextract(state.db, agreement, by=None)
        console.print(
            f"{result.agreement}: {result.added} added, {result.updated} updated, {result.removed} removed, "
            f"{result.kept_reviewed} reviewed kept",
            highlight=False,
        )
