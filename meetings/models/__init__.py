from meetings.models.bodies import Announcement, AnnouncementSubscription, Body, CalendarFeed
from meetings.models.meetings import AgendaItem, Attachment, Meeting, Response
from meetings.models.minutes import ActionItem, Amendment, Attendance, Decision, Minutes

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Amendment",
    "Announcement",
    "AnnouncementSubscription",
    "Attachment",
    "Attendance",
    "Body",
    "CalendarFeed",
    "Decision",
    "Meeting",
    "Minutes",
    "Response",
]
