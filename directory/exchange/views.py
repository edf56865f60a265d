"""Import and export pages: coordinators only.

The import view reads its upload with ``LimitedMemoryUploadHandler``, so the
file stays in memory and only up to the size limit. Upload handlers must be
chosen before anything reads the request body, and the CSRF check reads it:
hence the usual Django pattern of a ``csrf_exempt`` outer view that sets the
handler and a ``csrf_protect`` inner one that does the work.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import coordinator_required
from directory.exchange import writers
from directory.exchange.columns import EXCHANGE_TABLES, EXCHANGE_TABLES_BY_KEY
from directory.exchange.forms import ImportForm
from directory.exchange.hsds_export import hsds_document
from directory.exchange.services import exchange_import
from directory.exchange.tables import Problem
from directory.exchange.upload import LimitedMemoryUploadHandler

# The error report lists this many problems; the count above it says how many there are.
PROBLEMS_SHOWN = 200


def _page(
    request: HttpRequest, form: ImportForm, problems: list[Problem] | None = None, status=200
) -> HttpResponse:
    problems = problems or []
    return render(
        request,
        "directory/exchange/index.html",
        {
            "form": form,
            "kinds": EXCHANGE_TABLES,
            "problems": problems[:PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "max_bytes": settings.DIRECTORY_IMPORT_MAX_BYTES,
            "max_rows": settings.DIRECTORY_IMPORT_MAX_ROWS,
        },
        status=status,
    )


@coordinator_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Export links, templates and the upload form."""
    return _page(request, ImportForm())


@csrf_exempt  # checked by _import_upload, once the upload handler is in place
@coordinator_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    handler = LimitedMemoryUploadHandler(request, max_bytes=settings.DIRECTORY_IMPORT_MAX_BYTES)
    request.upload_handlers = [handler]
    return _import_upload(request, handler)


@csrf_protect
def _import_upload(request: HttpRequest, handler: LimitedMemoryUploadHandler) -> HttpResponse:
    """Import the file: the counts of what changed, or the row-by-row error report (400)."""
    form = ImportForm(request.POST, request.FILES, too_large=handler.too_large)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["file"]
    result = exchange_import(
        name=upload.name, data=upload.read(), kind_key=form.cleaned_data["kind"], by=request.user
    )
    if not result.ok:
        return _page(request, form, result.problems, status=400)
    rows = [
        {"kind": kind, "counts": result.counts[kind.key]}
        for kind in EXCHANGE_TABLES
        if sum(result.counts[kind.key].values())
    ]
    return render(
        request, "directory/exchange/result.html", {"rows": rows, "file_name": upload.name}
    )


def _file_name(extension: str) -> str:
    return f"integrationsnetz-{timezone.localdate().isoformat()}.{extension}"


@coordinator_required
@require_GET
def export_zip(request: HttpRequest) -> FileResponse:
    return FileResponse(
        writers.export_zip(),
        as_attachment=True,
        filename=_file_name("zip"),
        content_type="application/zip",
    )


@coordinator_required
@require_GET
def export_xlsx(request: HttpRequest) -> FileResponse:
    return FileResponse(writers.export_xlsx(), as_attachment=True, filename=_file_name("xlsx"))


@coordinator_required
@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        hsds_document(request), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name("json")}"'
    return response


@coordinator_required
@require_GET
def template_xlsx(request: HttpRequest) -> FileResponse:
    return FileResponse(writers.xlsx_template(), as_attachment=True, filename="vorlage.xlsx")


@coordinator_required
@require_GET
def template_csv(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in EXCHANGE_TABLES_BY_KEY:
        raise Http404
    found = EXCHANGE_TABLES_BY_KEY[kind]
    response = HttpResponse(writers.csv_template(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    return response
