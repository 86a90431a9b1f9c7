"""Attachments of a request, checked with the programmes' content checks (type decided by the
content, not the name; size limit) before anything is stored: a refused file leaves no row and no
file on disk."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from zerobay.accounts.audit import record
from zerobay.programs.services.attachments import ALLOWED_TYPES, CONTENT_CHECKS, MAX_BYTES
from zerobay.workflow import ActorRefused

from ..access import actor_roles
from ..models import Attachment, ServiceRequest
from .requests import ServiceError

S = ServiceRequest.State
FINISHED = (S.CONFIRMED, S.CLOSED, S.CLOSED_UNSOLVED, S.MERGED)


def attach(req: ServiceRequest, uploaded_file, user) -> Attachment:
    """Stores `uploaded_file` on `req` for its enterprise, its unit or the commission, while the
    request is open. Raises ServiceError naming the file, the rule and the value."""
    if not actor_roles(user, req):
        raise ActorRefused(_("Only the enterprise, its unit or the commission can add files to this request"))
    if req.state in FINISHED:
        raise ServiceError(
            _("The request is “{state}”: files can no longer be added").format(state=req.get_state_display())
        )
    name = (getattr(uploaded_file, "name", "") or "file").replace("\\", "/").rsplit("/", 1)[-1]
    if (getattr(uploaded_file, "size", None) or 0) > MAX_BYTES:
        raise ServiceError(
            _("The file “{name}” is above the size limit of {limit} MB").format(name=name, limit=20)
        )
    data = uploaded_file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ServiceError(
            _("The file “{name}” is above the size limit of {limit} MB").format(name=name, limit=20)
        )
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in CONTENT_CHECKS:
        raise ServiceError(
            _("The file “{name}” is not allowed: only {kinds}").format(
                name=name, kinds="、".join(sorted({str(v) for v in ALLOWED_TYPES.values()}))
            )
        )
    if not data:
        raise ServiceError(_("The file “{name}” is empty").format(name=name))
    problem = CONTENT_CHECKS[ext](data)
    if problem:
        raise ServiceError(
            _("The file “{name}” is not a valid {kind}: {problem}").format(
                name=name, kind=ALLOWED_TYPES[ext], problem=problem
            )
        )
    with transaction.atomic():
        attachment = Attachment(
            request=req,
            original_name=name[:255],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=user,
        )
        attachment.file.save(name, ContentFile(data), save=False)
        try:
            attachment.save()
            record(
                "service.attachment.added",
                actor=user,
                obj=attachment,
                org_unit_path=req.org_path,
                summary=f"{req.code} 上传附件：{name}（{len(data)} 字节）",
            )
        except Exception:  # no file left behind without its row
            attachment.file.delete(save=False)
            raise
    return attachment
