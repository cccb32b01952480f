"""Staff screens: the hidden corner gesture, the PIN pad, the menu and Status."""
