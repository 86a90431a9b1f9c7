"""Users with a role and an org-unit scope, and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", _("District administrator")  # 区科委管理员
    OPERATOR = "operator", _("Sub-park operator")  # 子园/运营机构
    VIEWER = "viewer", _("Read-only viewer")  # 只读
    ENTERPRISE = "enterprise", _("Enterprise user")  # 企业用户: only its own enterprise
    EXPERT = "expert", _("Expert reviewer")  # 评审专家: only applications assigned to them
    FINANCE = "finance", _("Finance officer")  # 财务: disbursements
    TECH_TRANSFER = "tech_transfer", _("Tech-transfer office")  # 技术转移机构
    TECH_MANAGER = "tech_manager", _("Technology manager")  # 技术经理人
    UNIT_LIAISON = "unit_liaison", _("Unit liaison")  # 单位联络员: the tasks and requests of its unit
    CARRIER_OPERATOR = "carrier_operator", _("Carrier operator")  # 载体运营方: only its own carrier
    NONE = "none", _("No role yet")  # 未分配角色: a new account sees nothing until an admin gives it a role


# Roles that see no org-unit data of their own accord: an enterprise user sees its enterprise,
# an expert the applications assigned to them; the app concerned grants those explicitly.
# A unit's liaison sees what concerns its unit (registry.Unit), a carrier operator its carrier.
OUTSIDE_ROLES = (Role.ENTERPRISE, Role.EXPERT, Role.UNIT_LIAISON, Role.CARRIER_OPERATOR, Role.NONE)


class User(AbstractUser):
    # A new account (admin, createsuperuser aside) starts with no role and so no scope.
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.NONE)
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
    # The enterprise an enterprise user acts for (role "enterprise"); it sees only this one.
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # The working unit a unit liaison acts for (role "unit_liaison"): the tasks it leads or co-operates
    # on, the requests routed to it.
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # The carrier a carrier operator acts for (role "carrier_operator"): it sees only this one.
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
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
    def is_enterprise_user(self) -> bool:
        return self.role == Role.ENTERPRISE and not self.is_superuser

    @property
    def sees_district_data(self) -> bool:
        """False for enterprise users and experts: they see their own objects only."""
        return self.is_superuser or self.role not in OUTSIDE_ROLES

    @property
    def sees_enterprise_figures(self) -> bool:
        """The roles whose work needs enterprises' figures (registry, imports, indicators,
        cultivation, carriers): district admins, operators and viewers, within their scope."""
        return self.is_superuser or self.role in (Role.DISTRICT_ADMIN, Role.OPERATOR, Role.VIEWER)

    @property
    def is_staff_member(self) -> bool:
        """District or sub-park staff: the roles that work on the district's own data."""
        return self.is_district_admin or self.role in (Role.OPERATOR, Role.VIEWER, Role.FINANCE)

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
    # A key that leaks into a script or a log should not work for ever.
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}".strip()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


class Notification(models.Model):
    """An in-app message to one user (e.g. "your application was returned", "you may be eligible
    for clause X"), with a link to the page it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=64, blank=True
    )  # e.g. programs.eligible, cultivation.reminder
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
