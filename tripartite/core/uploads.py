"""Uploaded documents, for every app: which files are accepted, a safe name to keep, and serving a stored file.

An upload is checked on its name, size and first bytes (``document_problem``) before anything is stored; it is
stored under a path the app builds (never the user's file name as the path) and served only through a view that
has checked access, as an attachment under its original name (``stored_file_response``).
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousFileOperation
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

#: Largest document accepted, in bytes.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Accepted file types: extension → the bytes such a file starts with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}


def document_problem(name: str, size: int, head: bytes) -> str | None:
    """Why an uploaded file is refused (type, size, content), or None when it is acceptable."""
    extension = extension_of(name)
    if extension not in DOCUMENT_SIGNATURES:
        return _("Upload a PDF, Word (.docx), spreadsheet (.xlsx, .ods), OpenDocument text (.odt) or image (.png, .jpg) file.")
    if size == 0:
        return _("The file is empty.")
    if size > MAX_DOCUMENT_BYTES:
        return _("The file is larger than %(limit)d MB.") % {"limit": MAX_DOCUMENT_BYTES // (1024 * 1024)}
    if not any(head.startswith(sig) for sig in DOCUMENT_SIGNATURES[extension]):
        return _("The content of the file does not match its extension .%(ext)s.") % {"ext": extension}
    return None


def extension_of(name: str) -> str:
    """The file name's extension, lower-case and without the dot ("" when there is none)."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def original_name(name: str, *, limit: int = 150) -> str:
    """The name to keep and show for an uploaded file: its last path component, made safe, at most ``limit``
    characters (the extension is kept)."""
    base = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    try:
        safe = get_valid_filename(base)
    except SuspiciousFileOperation:  # nothing usable left: "", "." or ".."
        return ""
    if len(safe) <= limit:
        return safe
    extension = extension_of(safe)
    tail = f".{extension}" if extension and len(extension) < limit else ""
    return safe[: limit - len(tail)] + tail


def stored_file_response(file: FieldFile, name: str) -> FileResponse:
    """Serve a stored file as a download under ``name``, for a caller who has ALREADY checked access.

    404 when there is no file or it is gone from storage. The browser is told not to guess the type
    (``X-Content-Type-Options: nosniff``) and to save the file rather than display it.
    """
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=name or (file.name or "").rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
