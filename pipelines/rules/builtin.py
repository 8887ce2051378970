"""Importing this module registers every built-in rule."""

from pipelines.rules import common, invoice  # noqa: F401
