"""Views of the member area, one module per subject."""
