"""Every setting of the bot, read once from the environment (and ``.env``) in ``__main__``.

Nothing here reads the environment at import time: call :func:`load_settings`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.app.database_url import parse_database_url
from bot.errors import ConfigurationError
from bot.i18n.registry import LANGUAGES

MiB = 1024 * 1024


class Settings(BaseSettings):
    """The bot's configuration. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        # `cp .env.example .env` leaves many variables empty: empty means "not set".
        env_ignore_empty=True,
    )

    # --- Async Voice API --------------------------------------------------------------
    async_api_key: SecretStr | None = None
    async_api_base_url: str = "https://api.async.com"
    async_api_version: str = "v1"
    api_max_concurrency: int = Field(4, ge=1, le=64)
    api_timeout_seconds: float = Field(60.0, gt=0, le=600)
    api_max_attempts: int = Field(4, ge=1, le=10)
    api_retry_max_seconds: float = Field(30.0, gt=0, le=600)

    # --- platforms --------------------------------------------------------------------
    discord_token: SecretStr | None = None
    #: Discord's privileged Message Content intent: reading messages aloud needs it (and the
    #: switch in the developer portal); off, the bot sees no text of server messages.
    discord_message_content: bool = False
    discord_shard_count: int | None = Field(None, ge=1)
    discord_shard_ids: str | None = None
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_mode: Literal["socket", "http"] = "socket"
    slack_api_base_url: str | None = None
    slack_clip_recent_minutes: int = Field(15, ge=1, le=1440)
    port: int = Field(3000, ge=1, le=65535)

    # --- storage and operations -------------------------------------------------------
    database_url: str = "sqlite:///data/bot.db"
    database_pool_size: int = Field(10, ge=1, le=200)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    metrics_port: int | None = Field(None, ge=1, le=65535)
    # --- error reports and logs (see bot/observability/) ------------------------------
    log_format: Literal["text", "json"] = "text"
    sentry_dsn: SecretStr | None = None
    sentry_environment: str | None = None
    error_webhook_url: SecretStr | None = None
    error_report_interval_seconds: float = Field(600.0, ge=10, le=86400)
    api_unavailable_report_seconds: float = Field(300.0, ge=10, le=86400)

    # --- audio ------------------------------------------------------------------------
    max_upload_mb: float = Field(25.0, gt=0, le=500)
    min_speech_seconds: float = Field(3.0, ge=1, le=60)
    max_speech_seconds: float = Field(30.0, ge=3, le=300)
    max_decoded_seconds: float = Field(900.0, ge=10, le=7200)
    max_decode_wall_seconds: float = Field(20.0, gt=0, le=300)
    audio_output_format: Literal["wav", "flac"] = "wav"
    audio_workers: int = Field(2, ge=1, le=32)
    audio_worker_memory_mb: int = Field(256, ge=0, le=65536)
    audio_watchdog_margin_seconds: float = Field(10.0, gt=0, le=600)
    audio_worker_max_jobs: int = Field(200, ge=1, le=100000)
    audio_worker_idle_seconds: float = Field(60.0, gt=0, le=86400)

    # --- policy defaults (admins may change them per community) ------------------------
    voices_per_member: int = Field(3, ge=1, le=100)
    clone_cooldown_seconds: float = Field(60.0, ge=0, le=86400)
    max_concurrent_clones: int = Field(4, ge=1, le=64)
    clone_queue_size: int = Field(16, ge=0, le=1000)
    clone_queue_wait_seconds: float = Field(30.0, ge=0, le=600)
    consent_ttl_seconds: int = Field(600, ge=30, le=86400)
    say_max_chars: int = Field(500, ge=1, le=5000)
    say_cooldown_seconds: float = Field(10.0, ge=0, le=86400)
    max_concurrent_says: int = Field(4, ge=1, le=64)
    max_says_per_member: int = Field(2, ge=1, le=64)
    max_says_per_community: int = Field(2, ge=1, le=64)
    preview_wait_seconds: float = Field(6.0, ge=0, le=120)
    #: Members whose platform names no language we have (and Slack workspaces) get this one.
    default_language: str = "en"
    # Discord voice channels: /say plays where the member listens (bot/speech/voice_queue.py).
    voice_enabled: bool = True
    voice_idle_seconds: float = Field(300.0, ge=1, le=86400)
    voice_queue_max: int = Field(10, ge=1, le=100)
    voice_queue_max_seconds: float = Field(180.0, ge=5, le=3600)
    voice_max_streams: int = Field(2, ge=1, le=63)

    @field_validator("async_api_base_url", "slack_api_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError("must be one of " + ", ".join(LANGUAGES))
        return value

    @field_validator("sentry_dsn", "error_webhook_url")
    @classmethod
    def _secret_http_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        # The store's own parser, here and only here: a URL it can't read is one readable
        # line and exit 78 before logging, reports or a command look at it.
        try:
            parse_database_url(value)
        except ConfigurationError as exc:
            raise ValueError(exc.message) from None
        return value

    @field_validator("discord_shard_ids")
    @classmethod
    def _shard_ids(cls, value: str | None) -> str | None:
        if value:
            try:
                [int(part) for part in value.split(",")]
            except ValueError:
                raise ValueError("must be a comma-separated list of integers") from None
        return value or None

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.min_speech_seconds > self.max_speech_seconds:
            raise ValueError("MIN_SPEECH_SECONDS must not exceed MAX_SPEECH_SECONDS")
        if self.voice_max_streams >= self.api_max_concurrency:
            # Each voice-channel stream holds an API connection while it plays.
            raise ValueError(
                "VOICE_MAX_STREAMS must be below API_MAX_CONCURRENCY, so /say and clones "
                "always have an API connection left"
            )
        ids = self.shard_ids
        if ids and self.discord_shard_count is None:
            raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT")
        if ids and self.discord_shard_count and max(ids) >= self.discord_shard_count:
            raise ValueError("DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT")
        return self

    # --- derived ----------------------------------------------------------------------
    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MiB)

    @property
    def shard_ids(self) -> list[int] | None:
        if not self.discord_shard_ids:
            return None
        return [int(part) for part in self.discord_shard_ids.split(",")]

    @property
    def discord_enabled(self) -> bool:
        return self.discord_token is not None

    @property
    def slack_enabled(self) -> bool:
        if self.slack_bot_token is None:
            return False
        if self.slack_mode == "http":
            return self.slack_signing_secret is not None
        return self.slack_app_token is not None

    def slack_problem(self) -> str | None:
        """Why Slack is half-configured, if it is."""
        if self.slack_bot_token is None:
            return None
        if self.slack_mode == "http" and self.slack_signing_secret is None:
            return "SLACK_MODE=http needs SLACK_SIGNING_SECRET"
        if self.slack_mode == "socket" and self.slack_app_token is None:
            return "Socket Mode needs SLACK_APP_TOKEN (or set SLACK_MODE=http)"
        return None

    def require_api_key(self) -> SecretStr:
        if self.async_api_key is None or not self.async_api_key.get_secret_value():
            raise ConfigurationError("ASYNC_API_KEY is not set: set it in .env or the environment")
        return self.async_api_key


def load_settings(**overrides: object) -> Settings:
    """Read the settings; a bad value becomes one readable :class:`ConfigurationError`."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(part) for part in err["loc"]) or "settings"
            # A validator's own message reads on its own: no "Value error, " before it.
            problems.append(f"{field.upper()}: {err['msg'].removeprefix('Value error, ')}")
        raise ConfigurationError("invalid configuration: " + "; ".join(problems)) from None
