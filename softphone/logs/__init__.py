"""Rotating log files that keep protected health information (PHI) out."""
