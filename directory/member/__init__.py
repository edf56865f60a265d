"""The member area: organisations keep their own entries current; coordinators review."""
