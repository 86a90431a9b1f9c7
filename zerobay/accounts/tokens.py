"""API tokens: create one (the key is returned once), check a presented key, revoke.

A key is `zb_` and 43 URL-safe characters (256 random bits). Only its SHA-256 is stored, so a
leaked database does not leak usable keys; a high-entropy key needs no salt or slow hash.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from zerobay.access import load_or_404

from . import audit
from .models import ApiToken, User

KEY_PREFIX = "zb_"
PREFIX_LENGTH = 10  # characters of the key kept for display: "zb_" and 7 more
MAX_KEY_LENGTH = 200
# last_used_at is written at most this often per token, so that reads do not each cost a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
DEFAULT_DAYS = 90
MAX_DAYS = 366


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _user_path(user: User) -> str:
    return user.org_unit.path if user.org_unit_id else ""


def create_token(
    user: User, *, name: str = "", actor=None, days: int | None = DEFAULT_DAYS
) -> tuple[ApiToken, str]:
    """A new token for `user`, and its key (which is not stored and cannot be shown again). It expires
    after `days` (None or 0: never, for admins' service accounts)."""
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 0 and {MAX_DAYS}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + datetime.timedelta(days=days) if days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key), expires_at=expires
        )
        audit.record(
            "accounts.api_token.created",
            actor=actor,
            obj=token,
            org_unit_path=_user_path(user),
            summary=f"API 令牌 {token.prefix}… 已为 {user.username} 创建",
            changes={"user": user.username, "name": token.name, "prefix": token.prefix},
        )
    return token, key


def authenticate_key(key: str) -> User | None:
    """The active user a presented key belongs to, or None (unknown, revoked, user inactive)."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__org_unit")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(token: ApiToken, *, actor=None) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            "accounts.api_token.revoked",
            actor=actor,
            obj=token,
            org_unit_path=_user_path(token.user),
            summary=f"API 令牌 {token.prefix}…（{token.user.username}）已吊销",
        )


def visible_tokens(user: User):
    """A user's own tokens; a district admin sees everyone's (to revoke a leaked one)."""
    tokens = ApiToken.objects.select_related("user")
    return tokens if user.is_district_admin else tokens.filter(user=user)


def access_token_by_id(user: User, pk: int) -> ApiToken:
    return load_or_404(visible_tokens(user), pk=pk)
