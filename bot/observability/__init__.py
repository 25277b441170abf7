"""Observability: what the running bot tells its operator, and nothing about its members.

- :mod:`.logs`: the request context every log line carries, and ``LOG_FORMAT=json``;
- :mod:`.metrics`: the Prometheus metrics;
- :mod:`.reports`: which log records are error reports;
- :mod:`.scrubbing`: the one scrubber: secrets out of every text the bot hands on (the API
  client's errors included), and for reports also whatever could name a member;
- :mod:`.sentry` and :mod:`.webhook`: where reports go, each rate-limited per distinct report;
- :mod:`.health`: ``/healthz`` and ``/metrics`` and the event-loop lag monitor;
- :mod:`.setup`: the one start-up call, from the composition root.

May import the standard library, ``bot.errors``, ``bot.models`` and ``bot.app.settings``, and the
libraries it is built on (prometheus-client, sentry-sdk, aiohttp for the ops endpoints,
python-json-logger). The core's use-cases import only :mod:`.logs` and :mod:`.metrics` from
here, never those libraries themselves. Nothing here imports a platform, an adapter or a store.
"""
