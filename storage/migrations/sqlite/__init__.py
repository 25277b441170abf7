"""The SQLite schema: numbered SQL files applied in order (data). Imports nothing."""
