"""The submission area of member editors: their events, forms, thread."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_coordinator, is_member_editor, permission_required, require
from core.forms import add_validation_error, performed
from core.languages import site_languages, target_language_codes
from festival import selectors, services
from festival.access import event_for_submitter
from festival.forms import CommentForm, EventForm, TranslationForm
from festival.models import EventTranslation
from festival.rules import member_may_edit


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    if is_coordinator(request.user):
        return redirect("festival:manage")
    require(is_member_editor(request.user))
    return render(
        request,
        "festival/member/list.html",
        {
            "events": selectors.member_events(organisation_id=request.user.organisation_id),
            "editions": [e for e in selectors.open_editions() if e.call_is_open()],
        },
    )


def _submit(request: HttpRequest, edition, link=None) -> HttpResponse:
    form = EventForm(request.POST or None, request.FILES or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_submit(
                edition=edition,
                fields=form.event_fields(),
                languages=form.cleaned_data["languages"],
                co_organisers=form.cleaned_data["co_organisers"],
                by=request.user,
                organisation=request.user.organisation,
                submitter_email=request.user.email,
                language=get_language(),
                link=link,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Your event was submitted."))
            return redirect("festival:my-event", event.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "festival/member/form.html",
        {"form": form, "edition": edition, "link": link},
        status=status,
    )


@permission_required(is_member_editor)
def event_create(request: HttpRequest, year: int) -> HttpResponse:
    edition = selectors.edition_get(year=year)
    if edition is None:
        raise Http404
    if not edition.call_is_open():
        return render(request, "festival/member/closed.html", {"edition": edition}, status=403)
    return _submit(request, edition)


@permission_required(is_member_editor)
def late_submit(request: HttpRequest, token: str) -> HttpResponse:
    """Submission with a personal link after the deadline."""
    link = services.link_from_token(token)
    if link is None or link.organisation_id != request.user.organisation_id:
        raise Http404
    if not link.is_valid(timezone.now()):
        return render(
            request,
            "festival/member/closed.html",
            {"edition": link.edition, "link_invalid": True},
            status=410,
        )
    return _submit(request, link.edition, link=link)


@login_required
def event_detail(request: HttpRequest, event_id: UUID) -> HttpResponse:
    event = event_for_submitter(request.user, selectors.event_with_thread(event_id=event_id))
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_comment_add(event=event, body=form.cleaned_data["body"], by=request.user)
        return redirect("festival:my-event", event.pk)
    return render(
        request,
        "festival/member/detail.html",
        {
            "event": event,
            "form": form,
            "may_edit": member_may_edit(event),
            "languages": [
                lang for lang in site_languages() if lang.code in target_language_codes()
            ],
            "translated": {row.language for row in event.translations.all()},
        },
        status=400 if form.errors else 200,
    )


@login_required
def event_edit(request: HttpRequest, event_id: UUID) -> HttpResponse:
    event = event_for_submitter(request.user, selectors.event_with_thread(event_id=event_id))
    if not is_coordinator(request.user) and not member_may_edit(event):
        messages.error(request, _("This event can no longer be changed. The deadline has passed."))
        return redirect("festival:my-event", event.pk)
    form = EventForm(
        request.POST or None, request.FILES or None, edition=event.edition, instance=event
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                fields=form.event_fields(),
                languages=form.cleaned_data["languages"],
                co_organisers=form.cleaned_data["co_organisers"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("festival:my-event", event.pk)
    return render(
        request,
        "festival/member/form.html",
        {"form": form, "edition": event.edition, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def event_withdraw(request: HttpRequest, event_id: UUID) -> HttpResponse:
    event = event_for_submitter(request.user, selectors.event_with_thread(event_id=event_id))
    if performed(request, lambda: services.event_withdraw(event=event, by=request.user)):
        messages.success(request, _("The event was withdrawn."))
    return redirect("festival:my-event", event.pk)


@login_required
def event_translate(request: HttpRequest, event_id: UUID, language: str) -> HttpResponse:
    event = event_for_submitter(request.user, selectors.event_with_thread(event_id=event_id))
    if language not in target_language_codes():
        raise Http404
    row = event.translation_for(language) or EventTranslation(source=event, language=language)
    form = TranslationForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.event_translation_save(
            event=event,
            language=language,
            fields={name: form.cleaned_data[name] for name in form.Meta.fields},
            by=request.user,
        )
        messages.success(request, _("The translation was saved."))
        return redirect("festival:my-event", event.pk)
    return render(
        request,
        "festival/member/translate.html",
        {
            "event": event,
            "form": form,
            "language": next(lang for lang in site_languages() if lang.code == language),
            "outdated": selectors.event_translation_changes(event=event, row=row),
        },
        status=400 if form.errors else 200,
    )
