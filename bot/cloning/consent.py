"""What a member agrees to before their voice is cloned. Bump the version when the text changes:
consent records keep the version they were given under."""

from __future__ import annotations

CONSENT_STATEMENT_VERSION = "2026-11-26.1"
#: The language of CONSENT_STATEMENT. Translations live in bot/i18n/catalogues (key
#: ``consent-statement``), each with its own ``consent-statement-version``.
CONSENT_STATEMENT_LANGUAGE = "en"

CONSENT_STATEMENT = (
    "I confirm that this recording is my own voice. I agree that it is sent to the Async Voice "
    "API to create a voice clone that only I can use, here and in my direct messages with this "
    "bot. The recording itself is not kept. I can delete the voice at any time, or erase "
    "everything about me with /forget-me."
)
