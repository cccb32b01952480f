"""Application-wide input: the idle clock and the touch rules."""
