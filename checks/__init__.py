"""Fact-check suite for the congress-explainer: registry, checks, reporters, Sphinx extension, CLI."""

__version__ = "0.1.0"
