"""The screens patients see: home, answer, the idle warning, "being updated"."""
