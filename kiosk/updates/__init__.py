"""Keeping the content current while the kiosk runs: watching the pack folder."""
