"""A Slack Web API failure as a line for the log."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError, SlackClientError


def slack_error(exc: SlackClientError) -> str:
    """What went wrong, for the log (never the request, which may carry a token)."""
    if isinstance(exc, SlackApiError):
        data = exc.response.data
        if isinstance(data, dict) and data.get("error"):
            return str(data["error"])
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__
