"""Freshness of the directory: what is stale, missing or untranslated; reminders."""
