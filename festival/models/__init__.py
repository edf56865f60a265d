from festival.models.editions import (
    ChangeLogEntry,
    Edition,
    SubmissionLink,
    Venue,
    VenueAvailability,
)
from festival.models.events import Event, EventComment, EventLanguage, EventTranslation

__all__ = [
    "ChangeLogEntry",
    "Edition",
    "Event",
    "EventComment",
    "EventLanguage",
    "EventTranslation",
    "SubmissionLink",
    "Venue",
    "VenueAvailability",
]
