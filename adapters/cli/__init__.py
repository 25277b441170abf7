"""The command line (``python -m bot ...``): an adapter like Discord and Slack, with the
platform ``cli``. It parses arguments, makes one facade call, and prints the result or the
error.

May import the core's facade, models, errors, i18n and settings; the stores and platforms
reach it from the composition root as a wiring.
"""
