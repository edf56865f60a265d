from django.urls import path

from network.views import coordinator, member, public

app_name = "network"

urlpatterns = [
    path("", public.index, name="index"),
    path("beitreten/", public.join, name="join"),
    path("helfen/", public.offer_help, name="help"),
    path("danke/", public.thanks, name="thanks"),
    path("stand/<str:token>/", public.status, name="status"),
    path("einladung/<uidb64>/<token>/", public.InvitationView.as_view(), name="invitation"),
    # members
    path("verwaltung/", member.home, name="member-home"),
    path("verwaltung/organisation/<uuid:organisation_id>/eingang/", member.inbox, name="inbox"),
    path("verwaltung/weiterleitung/<uuid:routing_id>/", member.answer, name="answer"),
    path("verwaltung/organisation/<uuid:organisation_id>/ehrenamt/", member.needs, name="needs"),
    path(
        "verwaltung/organisation/<uuid:organisation_id>/ehrenamt/neu/",
        member.need_create,
        name="need-create",
    ),
    path("verwaltung/ehrenamt/<uuid:need_id>/", member.need_edit, name="need-edit"),
    # coordinator
    path("verwaltung/koordination/", coordinator.coordination, name="coordination"),
    path("verwaltung/anfragen/", coordinator.join_queue, name="join-queue"),
    path("verwaltung/anfragen/<uuid:pk>/", coordinator.join_detail, name="join-detail"),
    path("verwaltung/anfragen/<uuid:pk>/aufnehmen/", coordinator.join_accept, name="join-accept"),
    path("verwaltung/anfragen/<uuid:pk>/ablehnen/", coordinator.join_decline, name="join-decline"),
    path("verwaltung/hilfe/", coordinator.help_queue, name="help-queue"),
    path("verwaltung/hilfe/<uuid:pk>/", coordinator.help_detail, name="help-detail"),
    path("verwaltung/veroeffentlichen/", coordinator.publish_list, name="publish-list"),
    path(
        "verwaltung/veroeffentlichen/<uuid:organisation_id>/",
        coordinator.publish,
        name="publish",
    ),
    path("verwaltung/datenschutz/", coordinator.privacy, name="privacy"),
]
