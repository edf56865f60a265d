"""Pages of translating: the overview and the side-by-side translation of one entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks import TaskResultStatus

from accounts.permissions import member_required
from core.forms import add_validation_error
from core.languages import Language, site_languages, target_language_codes
from core.machine_translation import MachineTranslationError, provider
from core.translation import TranslatableModel
from directory.member.review import form_data, review_applies
from directory.tasks import machine_translation_request
from directory.translating.forms import OverviewFilterForm, TranslationForm
from directory.translating.kinds import (
    TRANSLATABLE_KINDS,
    Kind,
    kinds_for,
    source_for_translator,
    target_language,
)
from directory.translating.review import translation_change_submit
from directory.translating.selectors import (
    machine_translation_last_request,
    translation_fields,
    translation_get,
    translation_overview,
)
from directory.translating.services import (
    TranslationConflict,
    translation_confirm,
    translation_version,
)

PAGE_SIZE = 25


@member_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every entry the person may translate, with its status in each language."""
    kinds = kinds_for(request.user)
    form = OverviewFilterForm(request.GET, kinds=kinds)
    context = {"form": form, "languages": []}
    if not form.is_valid():
        return render(request, "directory/translating/overview.html", context, status=400)
    data = form.cleaned_data
    codes = [data["language"]] if data["language"] else target_language_codes()
    entries = translation_overview(
        user=request.user,
        languages=codes,
        status=data["status"],
        kind=TRANSLATABLE_KINDS[data["kind"]] if data["kind"] else None,
    )
    paginator = Paginator(entries, PAGE_SIZE)
    number = data["page"] or 1
    if number > paginator.num_pages:
        context["page_missing"] = True
        return render(request, "directory/translating/overview.html", context, status=404)
    return render(
        request,
        "directory/translating/overview.html",
        {
            **context,
            "languages": [language for language in site_languages() if language.code in codes],
            "page": paginator.page(number),
            "count": len(entries),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def side_by_side(request: HttpRequest, kind: str, key: str, lang: str) -> HttpResponse:
    """The German text and its translation, field by field; saving confirms it."""
    entry_kind, source = source_for_translator(user=request.user, kind_key=kind, raw_id=key)
    language = target_language(lang)
    if request.method != "POST":
        return _page(request, entry_kind, source, language, _form(source, language))
    form = _form(source, language, request.POST)
    if not form.is_valid():
        return _page(request, entry_kind, source, language, form, status=400)
    if review_applies(request.user):
        return _submit_for_review(request, entry_kind, source, language)
    try:
        translation_confirm(
            kind=entry_kind,
            source=source,
            language=language.code,
            values=form.changes(),
            version=form.cleaned_data["updated_at"],
            by=request.user,
        )
    except TranslationConflict:
        return _conflict(request, entry_kind, source, language)
    except ValidationError as error:
        add_validation_error(form, error)
        return _page(request, entry_kind, source, language, form, status=400)
    messages.success(request, _("The translation was saved."))
    return redirect(request.path)


def _submit_for_review(
    request: HttpRequest, kind: Kind, source: TranslatableModel, language: Language
) -> HttpResponse:
    """Review mode: the translation waits for a coordinator; nothing is published yet."""
    try:
        translation_change_submit(
            kind=kind,
            source=source,
            language=language.code,
            data=form_data(request.POST),
            author=request.user,
        )
    except TranslationConflict:
        return _conflict(request, kind, source, language)
    messages.success(request, _("Your translation waits for review by the coordination office."))
    return redirect(request.path)


def _form(source: TranslatableModel, language: Language, data=None) -> TranslationForm:
    """The translation form on the stored translation (and its version)."""
    row = translation_get(source, language.code)
    return TranslationForm(
        data,
        initial={"updated_at": translation_version(row)},
        source=source,
        language=language,
        row=row,
    )


def _conflict(
    request: HttpRequest, kind: Kind, source: TranslatableModel, language: Language
) -> HttpResponse:
    """Shows the person's text next to what is stored now; saving again keeps theirs."""
    source = kind.model.objects.prefetch_related("translations").get(pk=source.pk)
    data = request.POST.copy()
    data["updated_at"] = translation_version(translation_get(source, language.code))
    form = _form(source, language, data)
    form.is_valid()
    stored = {
        state.name: state.text
        for state in translation_fields(source=source, language=language.code)
    }
    changed = [
        name
        for name, text in stored.items()
        if name in form.cleaned_data and form.cleaned_data[name] != text
    ]
    return _page(request, kind, source, language, form, status=409, conflict=changed)


@login_required
@require_POST
def machine_request(request: HttpRequest, kind: str, key: str, lang: str) -> HttpResponse:
    """Queues a machine translation of the missing and outdated fields."""
    entry_kind, source = source_for_translator(user=request.user, kind_key=kind, raw_id=key)
    language = target_language(lang)
    if provider() is None:
        raise Http404
    try:
        machine_translation_request(kind=entry_kind, source=source, language=language.code)
    except MachineTranslationError:
        form = _form(source, language)
        return _page(request, entry_kind, source, language, form, status=400, machine_refused=True)
    return redirect(reverse("translating:entry", args=[entry_kind.key, source.pk, language.code]))


def _page(
    request: HttpRequest,
    kind: Kind,
    source: TranslatableModel,
    language: Language,
    form: TranslationForm,
    *,
    status: int = 200,
    conflict: list[str] | None = None,
    machine_refused: bool = False,
) -> HttpResponse:
    """The side-by-side page; ``conflict`` names the fields whose stored text
    differs from what the person sent when someone saved in between."""
    service = provider()
    states = translation_fields(source=source, language=language.code)
    fields = {state.name: state for state in states}
    return render(
        request,
        "directory/translating/side_by_side.html",
        {
            "kind": kind,
            "source": source,
            "key": str(source.pk),
            "language": language,
            "other_languages": [
                other for other in site_languages() if other.code in target_language_codes()
            ],
            "form": form,
            "fields": [
                (bound, fields[bound.name], form.confirm_box(bound.name))
                for bound in form.translated()
            ],
            "conflict": conflict is not None,
            "conflict_fields": conflict or [],
            "machine": _machine_context(service, kind, source, language),
            "machine_refused": machine_refused,
        },
        status=status,
    )


def _machine_context(service, kind: Kind, source: TranslatableModel, language: Language) -> dict:
    """Whether the button is offered, and how the last request went."""
    if service is None:
        return {"available": False}
    last = machine_translation_last_request(kind=kind, source=source, language=language.code)
    state = None
    if last is not None:
        state = {
            TaskResultStatus.READY.value: "waiting",
            TaskResultStatus.RUNNING.value: "waiting",
            TaskResultStatus.FAILED.value: "failed",
            TaskResultStatus.SUCCESSFUL.value: "done",
        }.get(last.status)
    return {
        "available": True,
        "supported": service.supports(language.code),
        "service": service.name,
        "state": state,
        "requested_at": last.enqueued_at if last else None,
        "finished_at": last.finished_at if last else None,
    }
