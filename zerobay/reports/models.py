"""The reports app's records: the monthly bulletins, each with the snapshot it was drawn from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bulletin(models.Model):
    """One version of a month's bulletin (第N期). A draft is edited and redrawn; an issued version is
    immutable and archived with its snapshot and its document; a correction is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    period = models.DateField(_("month"))  # its first day
    number = models.PositiveIntegerField(_("issue number"))
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(_("snapshot"))
    narrative = models.JSONField(_("narrative"), default=dict, blank=True)  # section -> paragraph
    document = models.BinaryField(null=True, editable=False)  # the .docx as issued
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    source = models.CharField(max_length=20, blank=True)  # "demo" for the demo's issues

    class Meta:
        ordering = ["-period", "-version"]
        constraints = [models.UniqueConstraint(fields=["period", "version"], name="reports_bulletin_version")]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")

    def __str__(self) -> str:
        return f"第{self.number}期 {self.period:%Y-%m} v{self.version}"
