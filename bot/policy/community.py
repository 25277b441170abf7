"""Per-community rules: admins decide whether and how cloning and /say are allowed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.app.settings import Settings
from bot.clock import Clock
from bot.errors import DisabledHere, NotAllowed
from bot.models import COMMUNITY_SETTING_FIELDS, CommunitySettings, Member
from bot.ports import Store


class InvalidSetting(NotAllowed):
    """An admin typed a value the setting can't take."""


_BOUNDS: dict[str, tuple[float, float]] = {
    "voices_per_member": (1, 100),
    "cooldown_seconds": (0, 86400),
    "max_say_chars": (1, 5000),
    "read_max_chars": (20, 2000),
    "read_member_chars_per_minute": (60, 20000),
    "read_community_chars_per_minute": (60, 100000),
}
#: Settings that take one word of a few.
_CHOICES: dict[str, tuple[str, ...]] = {
    "read_emoji": ("names", "off"),
    "read_announce": ("off", "on_change"),
}
#: Words that clear a setting which names a role or a channel (``no_read_channel`` as Discord's
#: option of that name says it).
_NONE_WORDS = frozenset({"", "none", "off", "no_required_role", "no_read_channel"})
#: A platform's id of a channel: Discord snowflakes, Slack ``C…``/``G…`` ids.
_PLATFORM_ID = re.compile(r"^[A-Za-z0-9]{1,40}$")
#: Ignore prefixes are typed characters, not sentences: a few, each short.
MAX_IGNORE_PREFIXES = 10
MAX_IGNORE_PREFIX_LENGTH = 5


def _parse_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"on", "true", "yes", "1", "enabled", "enable"}:
        return True
    if text in {"off", "false", "no", "0", "disabled", "disable"}:
        return False
    shown = repr(str(value)[:40])
    raise InvalidSetting(
        f"{name} must be on or off, not {shown}.",
        key="error-setting-not-on-off",
        params={"name": name, "value": shown},
    )


def _parse_number(name: str, value: Any) -> float:
    low, high = _BOUNDS[name]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidSetting(
            f"{name} must be a number.", key="error-setting-not-number", params={"name": name}
        ) from None
    if not low <= number <= high:
        raise InvalidSetting(
            f"{name} must be between {low:g} and {high:g}.",
            key="error-setting-out-of-range",
            params={"name": name, "low": low, "high": high},
        )
    return number


def _parse_members(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else str(value).replace(",", " ").split()
    cleaned = (str(item).strip().strip("<@!>") for item in items)
    return tuple(sorted({item for item in cleaned if item and item.lower() != "none"}))


def _parse_choice(name: str, value: Any) -> str:
    choices = _CHOICES[name]
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text in choices:
        return text
    shown = repr(str(value)[:40])
    listed = ", ".join(choices)
    raise InvalidSetting(
        f"{name} must be one of {listed}, not {shown}.",
        key="error-setting-not-choice",
        params={"name": name, "value": shown, "choices": listed},
    )


def _parse_channel(name: str, value: Any) -> str | None:
    """A channel's id, bare or as the platform writes it (``<#1>``, ``<#C1|general>``); one
    of the clearing words means no channel."""
    text = str(value).strip() if value is not None else ""
    if text.lower().replace("-", "_") in _NONE_WORDS:
        return None
    bare = text.split("|", 1)[0].strip("<#>")
    if not _PLATFORM_ID.match(bare):
        shown = repr(text[:40])
        raise InvalidSetting(
            f"{name} must be a channel of this community, not {shown}.",
            key="error-setting-not-channel",
            params={"name": name, "value": shown},
        )
    return bare


def _parse_prefixes(name: str, value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else str(value or "").split()
    prefixes = [str(item).strip() for item in items if str(item).strip()]
    if [item.lower() for item in prefixes] == ["none"]:
        return ()
    too_long = [item for item in prefixes if len(item) > MAX_IGNORE_PREFIX_LENGTH]
    if len(prefixes) > MAX_IGNORE_PREFIXES or too_long:
        raise InvalidSetting(
            f"{name} takes at most {MAX_IGNORE_PREFIXES} prefixes separated by spaces, each at "
            f"most {MAX_IGNORE_PREFIX_LENGTH} characters long.",
            key="error-setting-prefixes",
            params={
                "name": name,
                "count": MAX_IGNORE_PREFIXES,
                "length": MAX_IGNORE_PREFIX_LENGTH,
            },
        )
    return tuple(dict.fromkeys(prefixes))


def parse_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Validate an admin's changes; unknown keys and bad values are refused with a message."""
    parsed: dict[str, Any] = {}
    for raw_name, value in changes.items():
        name = raw_name.strip().lower().replace("-", "_")
        if name not in COMMUNITY_SETTING_FIELDS:
            known = ", ".join(COMMUNITY_SETTING_FIELDS)
            shown = repr(raw_name[:40])
            raise InvalidSetting(
                f"Unknown setting {shown}. Settings: {known}.",
                key="error-setting-unknown",
                params={"name": shown, "known": known},
            )
        if name in {"clone_enabled", "say_enabled", "read_enabled"}:
            parsed[name] = _parse_bool(name, value)
        elif name == "required_role":
            text = str(value).strip().strip("<@&>") if value is not None else ""
            parsed[name] = None if text.lower() in _NONE_WORDS else text
        elif name == "read_channel":
            parsed[name] = _parse_channel(name, value)
        elif name == "read_ignore_prefixes":
            parsed[name] = _parse_prefixes(name, value)
        elif name in _CHOICES:
            parsed[name] = _parse_choice(name, value)
        elif name == "allowed_members":
            parsed[name] = _parse_members(value)
        elif name == "cooldown_seconds":
            parsed[name] = _parse_number(name, value)
        else:
            parsed[name] = int(_parse_number(name, value))
    return parsed


class CommunityPolicy:
    def __init__(self, settings: Settings, store: Store, clock: Clock) -> None:
        self._settings = settings
        self._store = store
        self._clock = clock

    def defaults(self, platform: str, community_id: str) -> CommunitySettings:
        s = self._settings
        return CommunitySettings(
            platform=platform,
            community_id=community_id,
            clone_enabled=True,
            say_enabled=True,
            required_role=None,
            allowed_members=(),
            voices_per_member=s.voices_per_member,
            cooldown_seconds=s.clone_cooldown_seconds,
            max_say_chars=s.say_max_chars,
        )

    async def settings_for(self, member: Member) -> CommunitySettings:
        """The rules where the member is; in a DM (no community) the bot's defaults."""
        community = member.community_id or "direct"
        if member.community_id is None:
            return self.defaults(member.platform, community)
        stored = await self._store.get_community_settings(member.platform, community)
        return stored or self.defaults(member.platform, community)

    def _check_member(self, member: Member, rules: CommunitySettings) -> None:
        if member.is_admin:
            return
        if rules.required_role and rules.required_role not in member.roles:
            raise NotAllowed(
                "You need the role this community requires for voice cloning. Ask an admin.",
                key="error-role-required",
            )
        if rules.allowed_members and member.user_id not in rules.allowed_members:
            raise NotAllowed(
                "Voice cloning here is limited to members the admins allowed. Ask an admin.",
                key="error-members-only",
            )

    async def check_clone(self, member: Member) -> CommunitySettings:
        rules = await self.settings_for(member)
        if not rules.clone_enabled:
            raise DisabledHere(
                "The admins of this community have turned voice cloning off here.",
                key="error-cloning-disabled",
            )
        self._check_member(member, rules)
        return rules

    async def check_say(self, member: Member) -> CommunitySettings:
        rules = await self.settings_for(member)
        if not rules.say_enabled:
            raise DisabledHere(
                "The admins of this community have turned /say off here.",
                key="error-say-disabled",
            )
        self._check_member(member, rules)
        return rules

    async def update(self, member: Member, changes: Mapping[str, Any]) -> CommunitySettings:
        if not member.is_admin:
            raise NotAllowed(
                "Only admins of this community can change its settings.",
                key="error-settings-admins-only",
            )
        if member.community_id is None:
            raise NotAllowed(
                "Settings belong to a server or workspace: run this there.",
                key="error-settings-need-community",
            )
        parsed = parse_changes(changes)
        defaults = self.defaults(member.platform, member.community_id)
        return await self._store.update_community_settings(
            member.platform,
            member.community_id,
            defaults,
            parsed,
            actor=member.user_id,
            now=self._clock(),
        )


def describe(settings: CommunitySettings) -> dict[str, Any]:
    """The settings as plain values, for showing to an admin."""
    return {name: getattr(settings, name) for name in COMMUNITY_SETTING_FIELDS}
