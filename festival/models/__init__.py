from festival.models.editions import (
    Edition,
    SubmissionLink,
    Venue,
    VenueAvailability,
)
from festival.models.events import Event, EventComment, EventLanguage, EventTranslation

__all__ = [
    "Edition",
    "Event",
    "EventComment",
    "EventLanguage",
    "EventTranslation",
    "SubmissionLink",
    "Venue",
    "VenueAvailability",
]
