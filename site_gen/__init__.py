"""Jarshy site generator: content model, checks, staging, site build and the signage bundle."""

__version__ = "0.1.0"
