"""The platforms: each adapter turns a platform's events into one facade call and renders the
answer. ``discord/`` (discord.py), ``slack/`` (slack-bolt) and ``cli/`` (the command line).

An adapter may import its platform's libraries and, of the core, only the facade
(:mod:`bot.facade`), models, errors, i18n and settings (``tests/test_dependency_rule.py``).
"""
