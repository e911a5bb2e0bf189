"""Alert log export: CSV, JSON Lines, PDF."""
