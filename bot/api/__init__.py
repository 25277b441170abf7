"""The Async Voice API client and what it returns or raises.

``client`` composes ``transport`` (HTTP, retries, redaction), the endpoint modules (``voices``,
``preview``, ``speech``, ``streaming``) and ``parsing``; ``errors`` is its own error tree;
``translate`` turns it into the core's ``VoiceApi`` port with the bot's user-facing errors.

May import aiohttp, tenacity, the core's settings and ports and the one scrubber
(:mod:`bot.observability.scrubbing`); of the core's errors, only ``translate`` does.
"""

from bot.api.client import AsyncVoiceClient
from bot.api.config import ApiConfig, ApiObserver
from bot.api.errors import (
    ApiCloneSlotsFull,
    ApiConnectionError,
    ApiError,
    ApiFieldUpdateNotAllowed,
    ApiInvalidLanguage,
    ApiMisconfigured,
    ApiPreviewNotReady,
    ApiQuotaExhausted,
    ApiRateLimited,
    ApiRejectedAudio,
    ApiUnavailable,
    ApiVoiceNotFound,
)
from bot.api.models import ApiStatus, ClonedVoice, TimestampedSpeech, Voice
from bot.api.retry import RetryPolicy
from bot.api.speech import DEFAULT_MODEL
from bot.api.streaming import QUOTA_MARKER

__all__ = [
    "DEFAULT_MODEL",
    "QUOTA_MARKER",
    "ApiCloneSlotsFull",
    "ApiConfig",
    "ApiConnectionError",
    "ApiError",
    "ApiFieldUpdateNotAllowed",
    "ApiInvalidLanguage",
    "ApiMisconfigured",
    "ApiObserver",
    "ApiPreviewNotReady",
    "ApiQuotaExhausted",
    "ApiRateLimited",
    "ApiRejectedAudio",
    "ApiStatus",
    "ApiUnavailable",
    "ApiVoiceNotFound",
    "AsyncVoiceClient",
    "ClonedVoice",
    "RetryPolicy",
    "TimestampedSpeech",
    "Voice",
]
