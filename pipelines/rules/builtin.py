"""Importing this module registers every built-in rule."""

from pipelines.rules import claim, common, contract, invoice  # noqa: F401
