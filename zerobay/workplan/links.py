"""What a task concerns beyond indicators: an enterprise (by its USCC, which must be in the registry),
a carrier (by its name in the registry) or a programme (a call or clause code, kept as written: the
programmes app sits beside this one, so it is referenced, not imported)."""

from django.db import transaction
from django.utils.translation import gettext as _

from zerobay.accounts import audit
from zerobay.registry.models import Carrier, Enterprise
from zerobay.tabular.values import clean_uscc

from .models import Task, TaskChange, TaskLink


class LinkRefused(ValueError):
    """The reference names nothing the platform knows; the message says why."""


def resolve(kind: str, key: str) -> tuple[str, str]:
    """(key, label) of a reference, or LinkRefused."""
    key = key.strip()
    if not key:
        raise LinkRefused(_("Give the code or name of what the task concerns."))
    if kind == TaskLink.Kind.ENTERPRISE:
        uscc = clean_uscc(key)
        enterprise = Enterprise.objects.filter(uscc=uscc).only("name").first()
        if enterprise is None:
            raise LinkRefused(_("No enterprise in the registry has the code %(key)s") % {"key": uscc})
        return uscc, enterprise.name
    if kind == TaskLink.Kind.CARRIER:
        carrier = Carrier.objects.filter(name=key).only("name").first()
        if carrier is None:
            raise LinkRefused(_("No carrier in the registry is named %(key)s") % {"key": key})
        return str(carrier.pk), carrier.name
    if kind == TaskLink.Kind.PROGRAMME:
        return key[:64], key[:200]
    raise LinkRefused(_("Unknown kind of link: %(kind)s") % {"kind": kind})


@transaction.atomic
def add_link(user, task: Task, kind: str, key: str) -> TaskLink:
    key, label = resolve(kind, key)
    link, created = TaskLink.objects.get_or_create(task=task, kind=kind, key=key, defaults={"label": label})
    if created:
        TaskChange.objects.create(
            task=task, user=user, source="link", changes={"link": [None, f"{kind}:{label}"]}
        )
        audit.record("workplan.link.add", actor=user, obj=task, summary=f"{task.code} {kind} {label}")
    return link
