"""A community's rules for reading messages aloud, and a chat message as the core sees it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.models import CommunitySettings

#: Messages starting with one of these are not read, unless a community sets its own.
DEFAULT_IGNORE_PREFIXES: tuple[str, ...] = ("!", ";", "/", ".")


@dataclass(frozen=True, slots=True)
class ReadingRules:
    """What a community's admins decided about reading aloud (``/clone-settings read_*``)."""

    enabled: bool = True
    #: A text channel whose messages are read besides the voice channel's own chat.
    channel_id: str | None = None
    max_chars: int = 300
    ignore_prefixes: tuple[str, ...] = DEFAULT_IGNORE_PREFIXES
    #: ``names``: Unicode emoji read by their name in the member's language; ``off``: left out.
    emoji: str = "names"
    #: ``off``: never say who speaks; ``on_change``: "NAME:" when another member spoke in
    #: between, or after a minute of silence.
    announce: str = "off"
    member_chars_per_minute: int = 1000
    community_chars_per_minute: int = 5000

    @classmethod
    def from_settings(cls, settings: CommunitySettings) -> ReadingRules:
        """The reading rules of a community's settings (the defaults until admins set them)."""
        return cls(
            enabled=settings.read_enabled,
            channel_id=settings.read_channel,
            max_chars=settings.read_max_chars,
            ignore_prefixes=tuple(settings.read_ignore_prefixes),
            emoji=settings.read_emoji,
            announce=settings.read_announce,
            member_chars_per_minute=settings.read_member_chars_per_minute,
            community_chars_per_minute=settings.read_community_chars_per_minute,
        )

    def ignores(self, text: str) -> bool:
        """True when ``text`` starts with one of the ignore prefixes (after leading spaces)."""
        stripped = text.lstrip()
        return any(stripped.startswith(prefix) for prefix in self.ignore_prefixes)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """A message as the platform delivered it, with what only the platform knows resolved:
    ``names`` maps each mention token of ``text`` (``<@123>``, ``<@&45>``, ``<#67>``) to the
    display name it stands for."""

    text: str
    names: Mapping[str, str] = field(default_factory=dict)
    images: int = 0
    files: int = 0
    stickers: tuple[str, ...] = ()
    forwarded: bool = False
