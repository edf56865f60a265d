"""Writes of the festival app, one module per subject; import from here."""

from festival.services.editions import (
    LINK_SALT,
    edition_copy_fields,
    edition_create,
    edition_publish,
    edition_set_status,
    edition_update,
    link_create,
    link_from_token,
    link_revoke,
    link_token,
)
from festival.services.events import (
    DECISIONS,
    PUBLIC_FIELDS,
    TRANSITIONS,
    event_comment_add,
    event_decide,
    event_submit,
    event_translation_save,
    event_update,
    event_withdraw,
    events_bulk_decide,
    partner_confirm,
)
from festival.services.venues import venue_availability_add, venue_create

__all__ = [
    "DECISIONS",
    "LINK_SALT",
    "PUBLIC_FIELDS",
    "TRANSITIONS",
    "edition_copy_fields",
    "edition_create",
    "edition_publish",
    "edition_set_status",
    "edition_update",
    "event_comment_add",
    "event_decide",
    "event_submit",
    "event_translation_save",
    "event_update",
    "event_withdraw",
    "events_bulk_decide",
    "link_create",
    "link_from_token",
    "link_revoke",
    "link_token",
    "partner_confirm",
    "venue_availability_add",
    "venue_create",
]
