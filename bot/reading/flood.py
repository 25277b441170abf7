"""Flood control for reading aloud, kept in memory per process: characters per minute (the API's
cost guard) and who spoke last (the name announcement). Only ids and counts, never text.

In memory is exact, not an approximation, with several processes on one database: both budgets
and the announcement are kept per server, and a message is read only by the process that holds
that server's voice connection (the server's shard). A member's budget can't be spent twice in
two servers at once either, since a member is in one voice channel at a time and only their
messages in the bot's channel are read."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable

#: The window of the characters-per-minute budgets.
WINDOW_SECONDS = 60.0
#: ``announce = on_change``: the name is said again after this much silence.
ANNOUNCE_AFTER_SECONDS = 60.0


class CharBudget:
    """At most ``limit`` characters within the last :data:`WINDOW_SECONDS` for each key."""

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self._now = monotonic
        self._spent: dict[Hashable, deque[tuple[float, int]]] = {}

    def used(self, key: Hashable) -> int:
        spent = self._spent.get(key)
        if not spent:
            return 0
        horizon = self._now() - WINDOW_SECONDS
        while spent and spent[0][0] <= horizon:
            spent.popleft()
        if not spent:
            del self._spent[key]
            return 0
        return sum(count for _, count in spent)

    def fits(self, key: Hashable, characters: int, limit: int) -> bool:
        return self.used(key) + characters <= limit

    def spend(self, key: Hashable, characters: int) -> None:
        self._spent.setdefault(key, deque()).append((self._now(), characters))

    def forget(self, matches: Callable[[Hashable], bool]) -> None:
        for key in [k for k in self._spent if matches(k)]:
            del self._spent[key]


class Announcer:
    """Who spoke last in each community, and when: "NAME:" is said before a message when a
    different member spoke in between, or after :data:`ANNOUNCE_AFTER_SECONDS` of silence."""

    def __init__(self, monotonic: Callable[[], float]) -> None:
        self._now = monotonic
        self._last: dict[str, tuple[Hashable, float]] = {}

    def spoke(self, community_id: str, speaker: Hashable) -> bool:
        """Record that ``speaker`` speaks now; True when their name should be said first."""
        now = self._now()
        last = self._last.get(community_id)
        self._last[community_id] = (speaker, now)
        if last is None:
            return True
        previous, at = last
        return previous != speaker or now - at >= ANNOUNCE_AFTER_SECONDS

    def forget(self, speaker: Hashable) -> None:
        for community_id in [c for c, (who, _) in self._last.items() if who == speaker]:
            del self._last[community_id]
