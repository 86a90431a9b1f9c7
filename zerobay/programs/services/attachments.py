"""Attachments of an application: checked for type, size and content before anything is stored.

The type is decided by the content (a PDF must parse as a PDF, a DOCX as a Word document, an XLSX as
a workbook, an image as an image), not by the name alone: a renamed or truncated file is refused
with a message naming the file, the rule and the value. On refusal nothing is kept, no row and no
file on disk.
"""

import hashlib
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from zerobay.accounts.audit import record
from zerobay.tabular.measure import FileRefused, measure_zip

from ..models import Application, Attachment
from ..workflow import STATE_LABELS, IllegalTransition, State
from .access import actor_roles
from .errors import UploadRefused

MAX_BYTES = 20 * 1024 * 1024  # 20 MB a file
ALLOWED_TYPES = {
    "pdf": gettext_lazy("PDF document"),
    "docx": gettext_lazy("Word document (.docx)"),
    "xlsx": gettext_lazy("Excel workbook (.xlsx)"),
    "jpg": gettext_lazy("JPEG image"),
    "jpeg": gettext_lazy("JPEG image"),
    "png": gettext_lazy("PNG image"),
}
EDITABLE_STATES = (State.DRAFT, State.RETURNED)


def attach(application: Application, material_code: str, uploaded_file, user) -> Attachment:
    """Stores `uploaded_file` as the material `material_code` of the application (replacing nothing:
    a material may have several files). Raises UploadRefused with a Chinese message."""
    if "enterprise" not in actor_roles(user, application):
        raise IllegalTransition(_("Only the applying enterprise can upload materials."))
    if application.state not in EDITABLE_STATES:
        raise IllegalTransition(
            _("The application is “%(state)s”: materials can no longer be uploaded.")
            % {"state": STATE_LABELS[application.state]}
        )
    material = next((m for m in application.clause.materials if m.get("code") == material_code), None)
    if material is None:
        raise UploadRefused(
            _("The clause “%(clause)s” asks for no material named “%(code)s”.")
            % {"clause": application.clause.title, "code": material_code}
        )
    name = getattr(uploaded_file, "name", "") or "未命名文件"
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    data = _read(uploaded_file, name)
    ext = _extension(name)
    allowed = [t.lower() for t in material.get("types") or ALLOWED_TYPES]
    if ext not in ALLOWED_TYPES or ext not in allowed:
        kinds = "、".join(sorted({t for t in allowed if t in ALLOWED_TYPES}))
        raise UploadRefused(
            _("The file “%(name)s” of type .%(ext)s is not allowed: “%(material)s” accepts only %(kinds)s")
            % {
                "name": name,
                "ext": ext or pgettext("file extension", "(no extension)"),
                "material": material.get("name"),
                "kinds": kinds,
            }
        )
    if not data:
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name})
    problem = CONTENT_CHECKS[ext](data)
    if problem:
        raise UploadRefused(
            _("The file “%(name)s” is not a valid %(kind)s: %(problem)s")
            % {"name": name, "kind": ALLOWED_TYPES[ext], "problem": problem}
        )
    with transaction.atomic():
        attachment = Attachment(
            application=application,
            material=material_code,
            original_name=name[:255],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=user,
        )
        attachment.file.save(name, ContentFile(data), save=False)
        try:
            attachment.save()
            record(
                "programs.attachment.added",
                actor=user,
                obj=attachment,
                org_unit_path=application.org_path,
                summary=f"{application.code} 上传“{material.get('name')}”：{name}（{len(data)} 字节）",
            )
        except Exception:  # no file left behind without its row
            attachment.file.delete(save=False)
            raise
    return attachment


def remove_attachment(attachment: Attachment, user) -> None:
    application = attachment.application
    if "enterprise" not in actor_roles(user, application):
        raise IllegalTransition(_("Only the applying enterprise can delete materials."))
    if application.state not in EDITABLE_STATES:
        raise IllegalTransition(
            _("The application is “%(state)s”: materials can no longer be deleted.")
            % {"state": STATE_LABELS[application.state]}
        )
    with transaction.atomic():
        record(
            "programs.attachment.removed",
            actor=user,
            obj=attachment,
            org_unit_path=application.org_path,
            summary=f"{application.code} 删除材料：{attachment.original_name}",
        )
        storage, path = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(path))


def _read(uploaded_file, name: str) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise UploadRefused(
            _("The file “%(name)s” is %(size)s, above the limit of %(limit)s")
            % {"name": name, "size": _mb(size), "limit": _mb(MAX_BYTES)}
        )
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UploadRefused(
            _("The file “%(name)s” is above the size limit of %(limit)s")
            % {"name": name, "limit": _mb(MAX_BYTES)}
        )
    return data


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _check_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    if not data.startswith(b"%PDF-"):
        return _("the file does not begin with %PDF-")
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        pages = len(reader.pages)
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return _("cannot be read (%(error)s)") % {"error": type(exc).__name__}
    return "" if pages else _("it has no page")


def _check_zip(data: bytes, required: str, open_document) -> str:
    try:
        # Measured from the zip directory before anything expands it: a 600 KB document can hold
        # a part of hundreds of megabytes.
        measure_zip(io.BytesIO(data))
    except FileRefused as exc:
        return str(exc)
    except zipfile.BadZipFile:
        return _("not in the Office Open XML (zip) format")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if required not in z.namelist():
                return _("%(part)s is missing") % {"part": required}
            if z.testzip() is not None:
                return _("the compressed content is damaged")
    except zipfile.BadZipFile:
        return _("not in the Office Open XML (zip) format")
    try:
        open_document(io.BytesIO(data))
    except Exception as exc:  # the readers raise many kinds of errors on a broken document
        return _("cannot be opened (%(error)s)") % {"error": type(exc).__name__}
    return ""


def _check_docx(data: bytes) -> str:
    import docx

    return _check_zip(data, "word/document.xml", docx.Document)


def _check_xlsx(data: bytes) -> str:
    import openpyxl

    return _check_zip(data, "xl/workbook.xml", lambda f: openpyxl.load_workbook(f, read_only=True).close())


def _check_image(expected: str):
    def check(data: bytes) -> str:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            return _("not recognised as an image (%(error)s)") % {"error": type(exc).__name__}
        return "" if fmt == expected else _("a %(format)s image, unlike its extension") % {"format": fmt}

    return check


CONTENT_CHECKS = {
    "pdf": _check_pdf,
    "docx": _check_docx,
    "xlsx": _check_xlsx,
    "jpg": _check_image("JPEG"),
    "jpeg": _check_image("JPEG"),
    "png": _check_image("PNG"),
}
