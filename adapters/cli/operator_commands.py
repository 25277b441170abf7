"""The operator's commands that need no member: ``check``, ``copy-db``, ``sync-commands``. The
stores and the platforms come from the composition root as a :class:`Wiring`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from adapters.cli.output import EXIT_OK, Output
from bot.app.settings import Settings
from bot.errors import ConfigurationError, NotAllowed, ServiceMisconfigured
from bot.facade import ApiConfig, AsyncVoiceClient, Store, TranslatedVoiceApi


class OpenStore(Protocol):
    def __call__(self, database_url: str, *, pool_size: int = ...) -> Awaitable[Store]: ...


@dataclass(frozen=True, slots=True)
class Wiring:
    """What the composition root hands the commands: stores and platforms."""

    #: Opens (and migrates) the store a database URL names.
    open_store: OpenStore
    #: ``run``: every configured platform until a signal.
    run: Callable[[Settings], Awaitable[int]]
    #: Registers the Discord commands (in one server, or globally); returns how many.
    sync_discord: Callable[[Settings, int | None], Awaitable[int]]


async def check(settings: Settings, store: Store, out: Output) -> int:
    try:
        key = settings.require_api_key()
        async with AsyncVoiceClient(ApiConfig.from_settings(settings)) as client:
            api = TranslatedVoiceApi(client)
            status = await api.status()
            # The status check needs no key: listing the account's own voices proves it works.
            own_voices = len(await api.list_voices(my_voice=True))
    except ServiceMisconfigured as exc:
        refused = f"the Async Voice API refused the settings: {exc.message}"
        raise ConfigurationError(refused) from None
    finally:
        await store.close()
    masked = key.get_secret_value()[:3] + "…"
    report = {
        "api": {
            "base_url": settings.async_api_base_url,
            "status": status.status,
            "key": f"{masked} (accepted; {own_voices} cloned voice(s) in the account)",
        },
        "database": settings.database_url.split("://", 1)[0],
        "discord": settings.discord_enabled,
        "slack": settings.slack_mode if settings.slack_enabled else False,
        "metrics_port": settings.metrics_port,
    }
    text = "\n".join(f"{k}: {v}" for k, v in report.items())
    out.result(report, text)
    return EXIT_OK


async def copy_db(from_url: str, to_url: str, out: Output, open_store: OpenStore) -> int:
    source = await open_store(from_url)
    try:
        target = await open_store(to_url)
        try:
            if not await target.is_empty():
                raise NotAllowed(
                    "The target database is not empty: copy-db only fills an empty one."
                )
            rows = await source.export_rows()
            await target.import_rows(rows)
        finally:
            await target.close()
    finally:
        await source.close()
    counts = {table: len(items) for table, items in rows.items()}
    text = "\n".join(f"{table}: {n} row(s)" for table, n in counts.items())
    out.result({"copied": counts}, f"Copied:\n{text}")
    return EXIT_OK


async def sync_commands(settings: Settings, guild: int | None, out: Output, wiring: Wiring) -> int:
    if settings.discord_token is None:
        raise ConfigurationError("DISCORD_TOKEN is not set: set it to sync Discord commands")
    count = await wiring.sync_discord(settings, guild)
    where = f"server {guild}" if guild else "every server (global; may take up to an hour)"
    out.result({"synced": count, "guild": guild}, f"Synced {count} command(s) to {where}.")
    return EXIT_OK
