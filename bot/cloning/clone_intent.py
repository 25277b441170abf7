"""What a pending consent stands for: which recording, recorded by whom, cloned how.

A consent prompt is answered minutes later, maybe after a restart, so the pending action stores
this intent (ids only: never the audio, never a signed URL) and the core turns the click into
the clone. Adapters only say how to fetch the audio for a :class:`SourceRef`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from bot.models import CloneOptions
from bot.ports import AudioSource


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a recording is, in its platform's terms.

    ``kind`` is the adapter's own word for the kind of place (a slash upload, a message, a
    file); ``item_id`` the attachment or file; ``recorded_by`` who recorded it, as the
    platform says (a message's author, a file's uploader): only one's own recording can
    become one's voice.
    """

    kind: str
    item_id: str
    recorded_by: str
    channel_id: str | None = None
    message_id: str | None = None
    interaction_id: str | None = None

    @property
    def key(self) -> str:
        """The recording's identity on its platform: the same recording, clicked twice or
        redelivered, is cloned once (the core scopes it to the member)."""
        holder = self.message_id or self.interaction_id or "-"
        return f"{self.kind}:{holder}:{self.item_id}"


@dataclass(frozen=True, slots=True)
class CloneIntent:
    source: SourceRef
    options: CloneOptions

    def to_payload(self) -> dict[str, Any]:
        options = {k: v for k, v in asdict(self.options).items() if v is not None}
        return {"source": asdict(self.source), "options": options}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> CloneIntent:
        """Raises ValueError on a payload this version can't read (an old prompt)."""
        source = payload.get("source")
        options = payload.get("options") or {}
        if not isinstance(source, Mapping) or not isinstance(options, Mapping):
            raise ValueError("not a clone intent")
        try:
            return cls(
                source=SourceRef(**_known(SourceRef, source)),
                options=CloneOptions(**_known(CloneOptions, options)),
            )
        except TypeError as exc:
            raise ValueError("not a clone intent") from exc


def _known(cls: type[Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in raw.items() if k in names}


#: How an adapter fetches the audio a source reference points at (fresh URLs, live objects).
AudioFetcher = Callable[[SourceRef], Awaitable[AudioSource]]
