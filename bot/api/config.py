"""How to reach the Async Voice API, and the hooks metrics listen on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pydantic import SecretStr

from bot.api.retry import RetryPolicy
from bot.app.settings import Settings


@dataclass(frozen=True)
class ApiConfig:
    base_url: str
    api_key: SecretStr
    version: str = "v1"
    max_concurrency: int = 4
    timeout_seconds: float = 60.0
    max_attempts: int = 4
    retry_max_seconds: float = 30.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        if self.max_concurrency < 1 or self.max_attempts < 1:
            raise ValueError("max_concurrency and max_attempts must be at least 1")
        if self.timeout_seconds <= 0 or self.retry_max_seconds <= 0:
            raise ValueError("timeout_seconds and retry_max_seconds must be positive")

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiConfig:
        """Raises :class:`bot.errors.ConfigurationError` when no API key is set."""
        return cls(
            base_url=settings.async_api_base_url,
            api_key=settings.require_api_key(),
            version=settings.async_api_version,
            max_concurrency=settings.api_max_concurrency,
            timeout_seconds=settings.api_timeout_seconds,
            max_attempts=settings.api_max_attempts,
            retry_max_seconds=settings.api_retry_max_seconds,
        )

    @property
    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy(
            max_attempts=self.max_attempts,
            max_seconds=self.retry_max_seconds,
            backoff_base_seconds=self.backoff_base_seconds,
            backoff_max_seconds=self.backoff_max_seconds,
        )


class ApiObserver(Protocol):
    """Hooks for metrics; ``endpoint`` is a short route name such as ``clone``."""

    def on_response(self, endpoint: str, status: int, seconds: float) -> None: ...

    def on_retry(self, endpoint: str, reason: str) -> None: ...
