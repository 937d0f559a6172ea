"""`accord user add`, `list`, `change`, `remove` and `password`; `accord token new` and `revoke`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from accord.cli.app import command_group, console, state
from accord.cli.listing import AsJson, folding_table, print_json
from accord.domain.shapes import plain
from accord.services.sessions import set_password
from accord.services.user_admin import change_user, list_users, remove_user
from accord.services.users import UserView, add_user, new_token, revoke_tokens

user_app = command_group("user", "Users and roles.")
token_app = command_group("token", "API tokens.")
UserName = Annotated[str, typer.Argument(help="User name.")]
RoleOption = Annotated[str, typer.Option(help="viewer, editor, secretariat, analyst or admin.")]
PartyOption = Annotated[str | None, typer.Option(help="The party an editor or secretariat acts for.")]


def _print_user(user: UserView) -> None:
    console.print(
        f"user {user.name}: {user.role}" + (f" for {user.party}" if user.party else ""), highlight=False
    )


@user_app.command("add")
def user_add(name: UserName, role: RoleOption, party: PartyOption = None) -> None:
    """Add a user with a role (editors and secretariats act for one party)."""
    _print_user(add_user(state.db, name, role=role, party=party))


@user_app.command("list")
def user_list(as_json: AsJson = False) -> None:
    """Every user, with role and party."""
    users = list_users(state.db, by=None)
    if as_json:
        print_json([plain(u) for u in users])
        return
    table = folding_table("name", "role", "party", "signs in")
    for user in users:
        table.add_row(user.name, user.role, user.party or "—", "yes" if user.may_sign_in else "tokens only")
    console.print(table)


@user_app.command("change")
def user_change(name: UserName, role: RoleOption, party: PartyOption = None) -> None:
    """Give a user another role (and party); it applies to their next request."""
    _print_user(change_user(state.db, name, role=role, party=party, by=None))


@user_app.command("remove")
def user_remove(name: UserName) -> None:
    """Remove a user; their tokens and sessions end at once, what they recorded stays."""
    remove_user(state.db, name, by=None)
    console.print(f"user {name} removed", highlight=False)


@user_app.command("password")
def user_password(
    name: UserName,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
) -> None:
    """Set a user's password for signing in to the pages (asked twice, never echoed)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    set_password(state.db, name, password)
    console.print(f"password set for {name}", highlight=False)


@token_app.command("new")
def token_new(name: UserName) -> None:
    """Make an API token; it is printed once and only its hash is kept."""
    token = new_token(state.db, name)
    console.print("Token (shown once; store it now):", highlight=False)
    print(token)


@token_app.command("revoke")
def token_revoke(name: UserName) -> None:
    """Revoke every token of a user, at once in every running server."""
    count = revoke_tokens(state.db, name)
    console.print(f"revoked {count} token{'s' if count != 1 else ''} of {name}", highlight=False)
