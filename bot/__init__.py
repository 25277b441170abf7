"""A voice-clone bot for Discord and Slack communities, on the Async Voice API."""
