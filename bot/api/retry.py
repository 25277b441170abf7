"""When and how long to wait before calling the Async Voice API again.

Retried: rate limits (after the delay the API asks for), concurrency limits, server errors,
connection failures and timeouts (exponential backoff with jitter). Never retried: whatever a
new attempt cannot fix (bad request, bad key, not found, too large, quota, clone slots).
Bounded by a number of attempts and by a total time, waits included.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
)

from bot.api.errors import ApiConnectionError, ApiError, ApiRateLimited, ApiUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 4
    max_seconds: float = 30.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 8.0

    def backoff(self, attempt_number: int) -> float:
        """Exponential backoff with "equal jitter": half fixed so retries never bunch at 0,
        half random so many clients don't retry in lockstep."""
        ceiling = min(
            self.backoff_max_seconds, self.backoff_base_seconds * 2.0 ** (attempt_number - 1)
        )
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def retry_reason(exc: BaseException, *, idempotent: bool = True) -> str | None:
    """Why ``exc`` deserves another attempt, or None when retrying cannot help (or, for a
    call that must not take effect twice, when the lost request may have taken effect)."""
    if isinstance(exc, ApiConnectionError):
        if exc.outcome_unknown and not idempotent:
            return None
        return exc.reason
    if isinstance(exc, ApiRateLimited):
        return (exc.api_code or "http_429").lower()
    if isinstance(exc, ApiUnavailable) and exc.status is not None and exc.status >= 500:
        return f"http_{exc.status}"
    return None


def wait_seconds(policy: RetryPolicy, exc: BaseException | None, attempt_number: int) -> float:
    """The API's own delay when it gave one (a little more, never less), else the backoff."""
    if isinstance(exc, ApiError) and exc.retry_after is not None:
        return exc.retry_after * (1 + random.uniform(0, 0.1))
    return policy.backoff(attempt_number)


RetryListener = Callable[[str, str, float], None]


def build_retrying(
    policy: RetryPolicy,
    endpoint: str,
    on_retry: RetryListener | None = None,
    *,
    idempotent: bool = True,
) -> AsyncRetrying:
    """A tenacity controller for one logical call; ``on_retry(endpoint, reason, delay)``
    runs before each wait. A call that is not ``idempotent`` is not repeated once its
    request may have reached the API."""

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        return wait_seconds(policy, exc, state.attempt_number)

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        reason = (retry_reason(exc) if exc else None) or "unknown"
        delay = state.upcoming_sleep
        log.warning(
            "Async API %s failed (%s), attempt %d/%d, retrying in %.2f s",
            endpoint,
            reason,
            state.attempt_number,
            policy.max_attempts,
            delay,
        )
        if on_retry is not None:
            on_retry(endpoint, reason, delay)

    return AsyncRetrying(
        # stop_before_delay counts the coming wait too, so the total stays under max_seconds.
        stop=stop_after_attempt(policy.max_attempts) | stop_before_delay(policy.max_seconds),
        wait=wait,
        retry=retry_if_exception(lambda exc: retry_reason(exc, idempotent=idempotent) is not None),
        before_sleep=before_sleep,
        reraise=True,
    )
