"""The public pages: join, offer help, thanks, the signed state link, the invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_http_methods

from core.spam import RATE_LIMITED, TOO_MANY_REQUESTS, rate_limit_hit
from network.enums import JoinStatus
from network.forms import HelpOfferForm, JoinRequestForm
from network.links import HELP, JOIN, BadLink, status_read
from network.models import HelpOffer, JoinRequest
from network.services import help_offer_submit, join_request_submit, submission_withdraw


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "network/index.html")


def _public_form(request: HttpRequest, *, form_class, submit, kind: str, template: str):
    if request.method != "POST":
        form = form_class()
        return render(request, template, _form_context(form))
    form = form_class(request.POST)
    if not form.is_valid():
        return render(request, template, _form_context(form), status=400)
    if rate_limit_hit(request, scope="network", email=form.cleaned_data["email"]):
        form.add_error(None, RATE_LIMITED)
        return render(request, template, _form_context(form), status=TOO_MANY_REQUESTS)
    submit(data=form.cleaned_data, language=get_language() or settings.LANGUAGE_CODE)
    return redirect(f"{reverse_lazy('network:thanks')}?kind={kind}")


def privacy_notice() -> str:
    """The notice from the setting, or our own in the page's language."""
    months = settings.NETWORK_RETENTION_MONTHS
    return settings.NETWORK_PRIVACY_NOTICE or ngettext(
        "We store your details only to answer your request and to pass your help offer "
        "to matching member organisations of the network, who then contact you. They are "
        "deleted after %(months)d month, or at once when you withdraw your request "
        "through the link in our e-mail.",
        "We store your details only to answer your request and to pass your help offer "
        "to matching member organisations of the network, who then contact you. They are "
        "deleted after %(months)d months, or at once when you withdraw your request "
        "through the link in our e-mail.",
        months,
    ) % {"months": months}


def _form_context(form) -> dict:
    return {"form": form, "privacy_notice": privacy_notice()}


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    return _public_form(
        request,
        form_class=JoinRequestForm,
        submit=join_request_submit,
        kind=JOIN,
        template="network/join.html",
    )


@require_http_methods(["GET", "POST"])
def offer_help(request: HttpRequest) -> HttpResponse:
    return _public_form(
        request,
        form_class=HelpOfferForm,
        submit=help_offer_submit,
        kind=HELP,
        template="network/help.html",
    )


def thanks(request: HttpRequest) -> HttpResponse:
    kind = HELP if request.GET.get("kind") == HELP else JOIN
    return render(request, "network/thanks.html", {"kind": kind})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, token: str) -> HttpResponse:
    """What happened to my request? And: withdraw it (POST)."""
    try:
        kind, pk = status_read(token)
    except BadLink:
        return render(request, "network/status_invalid.html", status=400)
    model = JoinRequest if kind == JOIN else HelpOffer
    submission = model.objects.filter(pk=pk).first()
    if submission is None:
        return render(request, "network/status_gone.html", status=404)
    can_withdraw = kind == HELP or submission.status == JoinStatus.OPEN
    if request.method == "POST":
        if not can_withdraw:
            return render(
                request,
                "network/status.html",
                {"submission": submission, "kind": kind, "can_withdraw": False},
                status=409,
            )
        submission_withdraw(submission=submission)
        return render(request, "network/status_withdrawn.html")
    context = {"submission": submission, "kind": kind, "can_withdraw": can_withdraw}
    return render(request, "network/status.html", context)


class InvitationView(PasswordResetConfirmView):
    """Set the first password from the invitation link (Django's reset tokens:
    single use, expiring after PASSWORD_RESET_TIMEOUT)."""

    template_name = "network/invitation.html"
    reset_url_token = "passwort-setzen"  # noqa: S105 - a URL segment, not a secret
    success_url = reverse_lazy("account_login")

    def render_to_response(self, context, **kwargs):
        if not context.get("validlink"):
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)
