"""Who sees the bulletins: the commission's staff draft, edit and issue them; the leadership reads
them (the same people who see every key task); nobody else, not even by the URL (404)."""

from zerobay.access import load_or_404
from zerobay.workplan.access import can_manage_workplan, can_read_all_tasks

from .models import Bulletin

can_manage_bulletins = can_manage_workplan
can_read_bulletins = can_read_all_tasks


def visible_bulletins(user):
    return Bulletin.objects.all() if can_read_bulletins(user) else Bulletin.objects.none()


def access_bulletin_by_pk(user, pk) -> Bulletin:
    return load_or_404(visible_bulletins(user).defer("document"), pk=pk)
