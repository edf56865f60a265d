from django.urls import path

from meetings.views import announcements, bodies, meetings, minutes, misc

app_name = "meetings"

urlpatterns = [
    path("", bodies.home, name="home"),
    path("gremien/neu/", bodies.body_create, name="body-create"),
    path("gremien/<uuid:body_id>/", bodies.body_detail, name="body"),
    path("gremien/<uuid:body_id>/bearbeiten/", bodies.body_edit, name="body-edit"),
    path("gremien/<uuid:body_id>/sitzung-planen/", bodies.meeting_create, name="meeting-create"),
    path(
        "gremien/<uuid:body_id>/mitteilungen/",
        announcements.announcement_list,
        name="announcements",
    ),
    path(
        "gremien/<uuid:body_id>/mitteilungen/zustellung/",
        announcements.delivery,
        name="announcement-delivery",
    ),
    path("abmelden/<str:token>/", announcements.unsubscribe, name="unsubscribe"),
    path("<uuid:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("<uuid:meeting_id>/bearbeiten/", meetings.meeting_edit, name="meeting-edit"),
    path("<uuid:meeting_id>/absagen/", meetings.meeting_cancel, name="meeting-cancel"),
    path("<uuid:meeting_id>/einladen/", meetings.meeting_invite, name="meeting-invite"),
    path("<uuid:meeting_id>/vorschlagen/", meetings.item_propose, name="item-propose"),
    path("<uuid:meeting_id>/antwort/", meetings.respond, name="respond"),
    path("<uuid:meeting_id>/antworten/", meetings.responses, name="responses"),
    path("<uuid:meeting_id>/termin.ics", meetings.meeting_ics, name="meeting-ics"),
    path("<uuid:meeting_id>/anwesenheit/", minutes.attendance, name="attendance"),
    path("<uuid:meeting_id>/protokoll/", minutes.minutes_page, name="minutes"),
    path("<uuid:meeting_id>/protokoll.pdf", minutes.minutes_pdf, name="minutes-pdf"),
    path("<uuid:meeting_id>/protokoll/freigeben/", minutes.minutes_approve, name="minutes-approve"),
    path("<uuid:meeting_id>/protokoll/nachtrag/", minutes.amendment_add, name="amendment-add"),
    path("punkte/<uuid:item_id>/entscheiden/", meetings.item_decide, name="item-decide"),
    path("punkte/<uuid:item_id>/verschieben/", meetings.item_move, name="item-move"),
    path("punkte/<uuid:item_id>/protokoll/", minutes.item_minutes, name="item-minutes"),
    path("punkte/<uuid:item_id>/anhang/", misc.attachment_upload, name="attachment-upload"),
    path("anhaenge/<uuid:attachment_id>/", misc.attachment_download, name="attachment"),
    path("aufgaben/", misc.action_board, name="actions"),
    path("aufgaben/<uuid:action_id>/erledigt/", misc.action_done, name="action-done"),
    path("kalender/", misc.calendar, name="calendar"),
    path("kalender/neu/", misc.calendar_renew, name="calendar-renew"),
    path("kalender/<str:token>.ics", misc.calendar_feed, name="calendar-feed"),
]
