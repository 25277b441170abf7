"""Fluent catalogues, one per language (data, not code). Imports nothing."""
