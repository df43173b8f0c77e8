"""Debian packaging helpers (run at build time, never shipped)."""
