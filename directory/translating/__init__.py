"""Side-by-side translation of directory entries, and machine translation."""
