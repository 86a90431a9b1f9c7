"""In-app notifications: any app tells a user something with `notify`; the top bar shows the
unread count and /accounts/notifications/ lists them."""

from collections.abc import Iterable

from django.utils import timezone

from .models import Notification


def notify(users: Iterable, *, title: str, body: str = "", link: str = "", kind: str = "") -> int:
    """One notification to each user; returns how many were created."""
    rows = [Notification(user=u, title=title[:200], body=body, link=link, kind=kind) for u in users]
    Notification.objects.bulk_create(rows)
    return len(rows)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> int:
    """Marks the user's unread notifications read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
