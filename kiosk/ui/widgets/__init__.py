"""Touch-first building blocks: wrapped text, big buttons, drag scrolling, grids."""
