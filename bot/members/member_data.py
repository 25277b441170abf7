"""The one list of what the bot holds about a member: forget-me erases from it, "My data"
exports from it, so what is erased is what is shown.

Every table of the database is either here, in :data:`MEMBER_TABLES`, or in
:data:`NOT_ABOUT_MEMBERS` with the reason it holds nothing about anyone (a test fails when a
table is in neither). Adding a table that holds members is one :class:`MemberTable` entry:
forget-me then deletes its rows and the export gains a section named after it.

- Rows that are the member's own carry ``platform`` and ``user_id``: forget-me deletes them,
  the export shows them, less the ``withheld`` columns (values that act as credentials, or
  say which bot process ran something: never shown).
- Rows that are someone else's but name the member (a community's allowed members, an admin's
  audit entry) are :class:`SharedIds`: lists of member ids inside a JSON column. Forget-me
  takes the member out of them (or puts an anonymised id in their place); the export shows
  those rows with every other member's id left out, and without the columns that say whose
  row it is (``hidden``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class OnForget(StrEnum):
    #: The member's id is struck from the list.
    STRIKE = "strike"
    #: The member's id is replaced by the anonymised id (the row records someone's act).
    ANONYMISE = "anonymise"


@dataclass(frozen=True, slots=True)
class SharedIds:
    """Where a member's id appears in rows that are not theirs: in the JSON ``column``, at
    each of ``paths`` (keys into nested objects; ``()`` is the column itself), a list of
    member ids. ``where`` narrows the rows (column = value), besides the platform."""

    column: str
    paths: tuple[tuple[str, ...], ...]
    on_forget: OnForget
    where: Mapping[str, str] = field(default_factory=dict)
    #: Columns that say whose row it is (someone else's): left out of the export.
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberTable:
    name: str
    #: The key of its rows in the export (the table's name unless said).
    section: str = ""
    #: The member's own rows are those with ``platform`` and ``user_id`` equal to theirs.
    owned: bool = True
    #: Columns never exported, with the reason the export gives.
    withheld: Mapping[str, str] = field(default_factory=dict)
    shared: SharedIds | None = None


_CREDENTIAL = "acts as a credential"
_PROCESS = "names the bot process that ran it, not about you"

#: In the order forget-me deletes: children before their parents.
MEMBER_TABLES: tuple[MemberTable, ...] = (
    MemberTable("consents"),
    MemberTable(
        "clone_requests",
        withheld={"marker": _CREDENTIAL, "owner": _PROCESS, "lease_until": _PROCESS},
    ),
    MemberTable("voices"),
    MemberTable("pending_actions", "pending_prompts", withheld={"token": _CREDENTIAL}),
    MemberTable("recent_clips"),
    MemberTable("cooldowns"),
    MemberTable("speech_leases", "speech_in_progress", withheld={"owner": _PROCESS}),
    MemberTable("welcomes"),
    # Where the member turned reading aloud on: the voice and the language, never a message.
    MemberTable("readers", "reading"),
    MemberTable(
        "audit_log",
        "audit_entries",
        withheld={"id": "an internal row number"},
        # An admin's change of the allowed members names the members it allowed.
        shared=SharedIds(
            "detail",
            (("changes", "allowed_members"), ("previous", "allowed_members")),
            OnForget.ANONYMISE,
            where={"action": "admin_settings"},
            hidden=("user_id",),
        ),
    ),
    MemberTable(
        "community_settings",
        "communities",
        owned=False,
        shared=SharedIds("allowed_members", ((),), OnForget.STRIKE),
    ),
)
MEMBER_TABLES_BY_NAME: dict[str, MemberTable] = {table.name: table for table in MEMBER_TABLES}


def section_of(table: MemberTable) -> str:
    return table.section or table.name


#: Tables that hold nothing about any member, and why.
NOT_ABOUT_MEMBERS: Mapping[str, str] = {
    "seen_events": "ids of platform deliveries already handled, with no member in them",
}


# --- ids in shared rows --------------------------------------------------------------------------
def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _with(value: Any, path: tuple[str, ...], new: Any) -> Any:
    if not path:
        return new
    if not isinstance(value, dict) or path[0] not in value:
        return value
    return {**value, path[0]: _with(value[path[0]], path[1:], new)}


def names_member(shared: SharedIds, value: Any, user_id: str) -> bool:
    """The decoded ``shared.column`` lists ``user_id`` somewhere."""
    for path in shared.paths:
        ids = _at(value, path)
        if isinstance(ids, list) and user_id in ids:
            return True
    return False


def only_member(shared: SharedIds, value: Any, user_id: str) -> Any:
    """``value`` with every id list keeping ``user_id`` alone (or nothing): what the member
    may see of a shared row."""
    for path in shared.paths:
        ids = _at(value, path)
        if isinstance(ids, list):
            value = _with(value, path, [i for i in ids if i == user_id])
    return value


def without_member(shared: SharedIds, value: Any, user_id: str, anonymised_id: str) -> Any:
    """``value`` after forget-me: ``user_id`` struck from every list, or anonymised."""
    for path in shared.paths:
        ids = _at(value, path)
        if isinstance(ids, list) and user_id in ids:
            if shared.on_forget is OnForget.STRIKE:
                kept = [i for i in ids if i != user_id]
            else:
                kept = [anonymised_id if i == user_id else i for i in ids]
            value = _with(value, path, kept)
    return value
