from django.urls import path

from festival.views import documents, manage, member, public

app_name = "festival"

urlpatterns = [
    # Public programme
    path("", public.home, name="home"),
    path("archiv/", public.archive, name="archive"),
    path("<int:year>/", public.programme, name="programme"),
    path("<int:year>/aenderungen/", public.changes, name="changes"),
    path("<int:year>/kalender.ics", documents.feed, name="feed"),
    path("<int:year>/programmheft.pdf", documents.booklet, name="booklet"),
    path("<int:year>/einreichen/", public.partner_submit, name="partner-submit"),
    path("veranstaltungen/<uuid:event_id>/", public.event_page, name="event"),
    path("veranstaltungen/<uuid:event_id>/kalender.ics", documents.event_ics, name="event-ics"),
    path("bilder/<uuid:event_id>/", public.image, name="image"),
    # Members' submissions
    path("meine-veranstaltungen/", member.my_events, name="my-events"),
    path("meine-veranstaltungen/<int:year>/neu/", member.event_create, name="my-event-create"),
    path("meine-veranstaltungen/nachreichen/<str:token>/", member.late_submit, name="late-submit"),
    path("meine-veranstaltungen/<uuid:event_id>/", member.event_detail, name="my-event"),
    path(
        "meine-veranstaltungen/<uuid:event_id>/bearbeiten/",
        member.event_edit,
        name="my-event-edit",
    ),
    path(
        "meine-veranstaltungen/<uuid:event_id>/zurueckziehen/",
        member.event_withdraw,
        name="my-event-withdraw",
    ),
    path(
        "meine-veranstaltungen/<uuid:event_id>/uebersetzung/<str:language>/",
        member.event_translate,
        name="my-event-translate",
    ),
    # Coordination
    path("verwaltung/", manage.editions, name="manage"),
    path("verwaltung/neu/", manage.edition_create, name="edition-create"),
    path("verwaltung/<int:year>/", manage.edition_detail, name="edition"),
    path("verwaltung/<int:year>/status/", manage.edition_status, name="edition-status"),
    path("verwaltung/<int:year>/orte/", manage.venues, name="venues"),
    path(
        "verwaltung/orte/<uuid:venue_id>/zeiten/",
        manage.venue_availability,
        name="venue-availability",
    ),
    path("verwaltung/<int:year>/links/", manage.links, name="links"),
    path("verwaltung/links/<uuid:link_id>/widerrufen/", manage.link_revoke, name="link-revoke"),
    path("verwaltung/<int:year>/einreichungen/", manage.board, name="board"),
    path("verwaltung/veranstaltungen/<uuid:event_id>/", manage.review, name="review"),
    path("verwaltung/<int:year>/zeitplan/", manage.schedule, name="schedule"),
    path("verwaltung/<int:year>/statistik/", manage.statistics, name="statistics"),
    path("verwaltung/<int:year>/veranstaltungen.csv", documents.export_csv, name="export-csv"),
    path("verwaltung/<int:year>/veranstaltungen.xlsx", documents.export_xlsx, name="export-xlsx"),
]
