"""Users with a role and an org-unit scope, and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")  # 区科委管理员
    OPERATOR = "operator", _("Sub-park operator")  # 子园/运营机构
    VIEWER = "viewer", _("Read-only viewer")  # 只读


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.VIEWER)
    # The org-unit subtree this user may see. Empty means the whole district: only for
    # district admins and district-wide viewers (checked in accounts.scope).
    org_unit = models.ForeignKey(
        "registry.OrgUnit",
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_district_admin(self) -> bool:
        return self.is_superuser or self.role == Role.DISTRICT_ADMIN

    @property
    def can_import(self) -> bool:
        return self.is_district_admin or self.role == Role.OPERATOR


class AuditRecord(models.Model):
    """Who did what, when, to which object, and what changed from what."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)  # e.g. statistics.import.committed
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=100)
    # Org-unit path of the object when it has one, so scoped users see only their own records.
    org_unit_path = models.CharField(max_length=255, blank=True, db_index=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)  # {"field": [old, new]} or details

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class ApiToken(models.Model):
    """A key for the JSON API (`Authorization: Bearer <key>`). Only the SHA-256 of the key is
    kept: the key itself is shown once, when it is created (accounts.tokens)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)  # what the key is for
    prefix = models.CharField(_("key prefix"), max_length=16, editable=False)  # to recognise it
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}".strip()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
