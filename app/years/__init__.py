"""The emulation year and its months: opened by the board's leaders, moved through their states."""
