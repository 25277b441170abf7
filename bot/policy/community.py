"""Per-community rules: admins decide whether and how cloning and /say are allowed."""

from __future__ import annotations

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
}


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
        if name in {"clone_enabled", "say_enabled"}:
            parsed[name] = _parse_bool(name, value)
        elif name == "required_role":
            text = str(value).strip().strip("<@&>") if value is not None else ""
            parsed[name] = None if text.lower() in {"", "none", "off"} else text
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
