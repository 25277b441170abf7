"""The Async Voice API client and what it returns or raises."""

from bot.api.client import (
    DEFAULT_MODEL,
    QUOTA_MARKER,
    ApiConfig,
    ApiObserver,
    AsyncVoiceClient,
)
from bot.api.errors import (
    ApiBadQuality,
    ApiBusy,
    ApiCloneSlotsFull,
    ApiConnectionError,
    ApiErrorMixin,
    ApiFormatRejected,
    ApiInvalidLanguage,
    ApiMisconfigured,
    ApiQuotaExhausted,
    ApiTooLarge,
    ApiTooShort,
    ApiUnavailable,
    ApiVoiceNotFound,
    FieldUpdateNotAllowed,
    PreviewNotReady,
)
from bot.api.models import ApiStatus, ClonedVoice, TimestampedSpeech, Voice
from bot.api.retry import RetryPolicy

__all__ = [
    "DEFAULT_MODEL",
    "QUOTA_MARKER",
    "ApiBadQuality",
    "ApiBusy",
    "ApiCloneSlotsFull",
    "ApiConfig",
    "ApiConnectionError",
    "ApiErrorMixin",
    "ApiFormatRejected",
    "ApiInvalidLanguage",
    "ApiMisconfigured",
    "ApiObserver",
    "ApiQuotaExhausted",
    "ApiStatus",
    "ApiTooLarge",
    "ApiTooShort",
    "ApiUnavailable",
    "ApiVoiceNotFound",
    "AsyncVoiceClient",
    "ClonedVoice",
    "FieldUpdateNotAllowed",
    "PreviewNotReady",
    "RetryPolicy",
    "TimestampedSpeech",
    "Voice",
]
