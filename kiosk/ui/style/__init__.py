"""How the screens look: colours and sizes in millimetres, the panel, the typeface."""
