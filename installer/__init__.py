"""Build code that turns the softphone into a frozen app, a .deb and an MSI (not shipped in them)."""
