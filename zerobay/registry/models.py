"""The registry: org-unit tree, industry taxonomy, enterprises, qualifications, carriers."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zerobay.language import bilingual

from .uscc import validate_uscc


class OrgUnit(models.Model):
    """District → park → sub-park → block. `path` is the chain of codes ("MH/ZJMH/DLHW/"),
    so a subtree is one indexed prefix query."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")  # 区
        PARK = "park", _("Park")  # 园区
        SUBPARK = "subpark", _("Sub-park")  # 子园
        BLOCK = "block", _("Block")  # 区块/地块

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)  # Chinese name
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    sort = models.PositiveIntegerField(default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)  # document that names it
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "") + self.code + "/"
        super().save(*args, **kwargs)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    def subtree(self):
        return OrgUnit.objects.filter(path__startswith=self.path)


class Industry(models.Model):
    """A node of an industry classification. Two schemes: the Greater Zero Bay plan's
    5 fields → sub-industries → 20 tracks, and the park's own leading/featured/future classes."""

    class Scheme(models.TextChoices):
        PLAN = "plan", _("Industry plan fields and tracks")  # 五大领域·细分赛道
        PARK_CLASS = "park_class", _("Park industry classes")  # 主导/特色/未来产业

    class Level(models.TextChoices):
        FIELD = "field", _("Field")  # 领域
        SECTOR = "sector", _("Sub-industry")  # 细分产业
        TRACK = "track", _("Track")  # 赛道
        LEADING = "leading", _("Leading industry")  # 主导产业
        FEATURED = "featured", _("Featured industry")  # 特色产业
        FUTURE = "future", _("Future industry")  # 未来产业

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort = models.PositiveIntegerField(default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["scheme", "sort"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return self.name


class Enterprise(models.Model):
    # Unique and indexed by constraints in Meta rather than by field options: on PostgreSQL a field's
    # own index comes with a second, pattern-matching one (`_like`) that no query here uses (name and
    # code searches are substring searches), and a first import of 250,000 enterprises would
    # maintain both.
    uscc = models.CharField(  # 统一社会信用代码
        _("unified social credit code"), max_length=18, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=200)  # 企业名称
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enterprises",
        help_text=_("Empty: not yet assigned to a sub-park."),
    )
    # Copy of org_unit.path, kept in step by services, so that scope filters need no join.
    org_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    founded = models.DateField(_("date founded"), null=True, blank=True)  # 成立日期
    above_scale = models.BooleanField(_("above designated size"), default=False)  # 规上
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries"), blank=True, related_name="enterprises"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)  # how it entered the registry
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        constraints = [models.UniqueConstraint(fields=["uscc"], name="enterprise_uscc_unique")]
        indexes = [models.Index(fields=["name"], name="enterprise_name")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.org_path = self.org_unit.path if self.org_unit_id else ""
        super().save(*args, **kwargs)

    @property
    def source_import_id(self) -> int | None:
        """The import that registered this enterprise (source "import:<id>"), if one did."""
        kind, _, ident = self.source.partition(":")
        return int(ident) if kind == "import" and ident.isdigit() else None


class QualificationType(models.TextChoices):
    HTE = "hte", _("High-tech enterprise")  # 高新技术企业
    TECH_SME = "tech_sme", _("Tech-based SME")  # 科技型中小企业
    SRDI = "srdi", _("Specialised, refined, distinctive, innovative SME")  # 专精特新
    LITTLE_GIANT = "little_giant", _("SRDI 'little giant'")  # 专精特新“小巨人”
    SH_TECH_GIANT = "sh_tech_giant", _("Shanghai tech little giant")  # 上海市科技小巨人
    LISTED = "listed", _("Listed company")  # 上市
    UNICORN = "unicorn", _("Unicorn")  # 独角兽
    HIDDEN_CHAMPION = "hidden_champion", _("Hidden champion")  # 隐形冠军


class QualificationQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Qualification(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(
        _("qualification"), max_length=32, choices=QualificationType.choices, db_index=True
    )
    certificate_no = models.CharField(_("certificate number"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = QualificationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        indexes = [models.Index(fields=["kind", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.certificate_no}".strip()

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Carrier(models.Model):
    """Innovation carriers: incubators, maker spaces, university science parks, ..."""

    class Kind(models.TextChoices):
        INCUBATOR = "incubator", _("Incubator")  # 科技企业孵化器
        MAKER_SPACE = "maker_space", _("Maker space")  # 众创空间
        UNIVERSITY_PARK = "university_park", _("University science park")  # 大学科技园
        NEW_RD_INSTITUTION = "new_rd_institution", _("New R&D institution")  # 新型研发机构
        ACADEMICIAN_WORKSTATION = (
            "academician_workstation",
            _("Academician workstation"),
        )  # 院士（专家）工作站
        SCIENCE_BASE = "science_base", _("Science-popularisation base")  # 科普教育基地
        CONCEPT_VALIDATION = "concept_validation", _("Concept-validation centre")  # 概念验证中心
        PILOT_PLATFORM = "pilot_platform", _("Pilot-scale platform")  # 中试平台
        KEY_LAB = "key_lab", _("Key laboratory or innovation platform")  # 重点实验室/创新平台
        OPEN_INNOVATION = (
            "open_innovation",
            _("Open innovation centre of a large enterprise"),
        )  # 大企业开放创新中心

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        MUNICIPAL = "municipal", _("Municipal")
        DISTRICT = "district", _("District")

    class Focus(models.TextChoices):
        """An incubator's kind in the national evaluation (国科火字〔2019〕239号): the two have
        separate indicator sets and weights."""

        COMPREHENSIVE = "comprehensive", _("Comprehensive")  # 综合孵化器
        SPECIALISED = "specialised", _("Specialised")  # 专业孵化器

    class Quality(models.TextChoices):
        """Shanghai's high-quality incubator regime (沪府办规〔2023〕16号)."""

        HIGH_QUALITY = "high_quality", _("High-quality incubator")  # 高质量孵化器
        CULTIVATING = "cultivating", _("High-quality incubator in cultivation")  # 高质量孵化器培育

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    focus = models.CharField(_("incubator type"), max_length=16, choices=Focus.choices, blank=True)
    quality = models.CharField(_("high-quality status"), max_length=16, choices=Quality.choices, blank=True)
    # The operating entity's code; the carrier statistics name the carrier by it (or by its name).
    uscc = models.CharField(  # 统一社会信用代码
        _("unified social credit code"), max_length=18, blank=True, validators=[validate_uscc]
    )
    operator = models.CharField(_("operator"), max_length=200, blank=True)  # 运营机构
    address = models.CharField(_("address"), max_length=200, blank=True)
    space_m2 = models.DecimalField(  # 场地面积
        _("space (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    incubation_space_m2 = models.DecimalField(  # 其中在孵企业使用面积
        _("of which used by incubated firms (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carriers",
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("carrier")
        verbose_name_plural = _("carriers")
        constraints = [
            models.UniqueConstraint(fields=["uscc"], condition=~Q(uscc=""), name="carrier_uscc_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CarrierRecognition(models.Model):
    """A title a carrier was awarded (认定/授牌): by whom, when, by which document."""

    carrier = models.ForeignKey(
        Carrier, verbose_name=_("carrier"), on_delete=models.CASCADE, related_name="recognitions"
    )
    title = models.CharField(_("title"), max_length=200)  # e.g. 上海市高质量孵化器
    level = models.CharField(_("level"), max_length=16, choices=Carrier.Level.choices, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)  # 认定机构
    document = models.CharField(_("document"), max_length=200, blank=True)  # 文号
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["carrier", "-recognised_on", "title"]
        verbose_name = _("carrier recognition")
        verbose_name_plural = _("carrier recognitions")

    def __str__(self) -> str:
        return f"{self.carrier} · {self.title}"


class Unit(models.Model):
    """The district's working units: departments, towns and streets, operators, universities.
    They lead key tasks and answer enterprise requests (workplan, service); one registry for both.
    Not part of the org-unit tree: a department works across every sub-park."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("District department")  # 区级部门
        TOWN = "town", _("Town or street")  # 镇、街道
        OPERATOR = "operator", _("Park operator")  # 园区运营主体
        UNIVERSITY = "university", _("University")  # 高校
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)  # full Chinese name
    short_name = models.CharField(_("short name"), max_length=50, blank=True)  # 简称, e.g. 区科委
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name_en = models.CharField(_("English short name"), max_length=100, blank=True)
    # Other names the offices write for it (区科学技术委员会, 科委): matched when importing.
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_units",
    )  # the area a town or operator is responsible for, where it has one
    active = models.BooleanField(_("active"), default=True)
    sort = models.PositiveIntegerField(default=0)
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        # in the interface's language: pages print units as {{ request.unit }}
        return bilingual(self.short_name or self.name, self.short_name_en or self.name_en)

    def names(self) -> list[str]:
        return [n for n in (self.name, self.short_name, *self.aliases) if n]
