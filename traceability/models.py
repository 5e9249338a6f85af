"""One car one file (一车一档, 实施方案三(三)): vehicles, their append-only trace events, licences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.uploads import StoredDocument


class VehicleType(models.TextChoices):
    """报废规定第五条 service-life classes (domain-rules.md); the years live in traceability/rules.py."""

    TAXI_SMALL = "taxi_small", _("小微型出租客运汽车")
    TAXI_MEDIUM = "taxi_medium", _("中型出租客运汽车")
    TAXI_LARGE = "taxi_large", _("大型出租客运汽车")
    RENTAL_PASSENGER = "rental_passenger", _("租赁载客汽车")
    COACH_SMALL = "coach_small", _("小型教练载客汽车")
    COACH_MEDIUM = "coach_medium", _("中型教练载客汽车")
    COACH_LARGE = "coach_large", _("大型教练载客汽车")
    BUS_PUBLIC = "bus_public", _("公交客运汽车")
    COMMERCIAL_PASSENGER_SMALL = "commercial_passenger_small", _("其他小微型营运载客汽车")
    COMMERCIAL_PASSENGER_LARGE = "commercial_passenger_large", _("大中型营运载客汽车")
    SCHOOL_BUS = "school_bus", _("专用校车")
    NONCOMMERCIAL_PASSENGER_LARGE = "noncommercial_passenger_large", _("大中型非营运载客汽车（大型轿车除外）")
    THREE_WHEEL_TRUCK = "three_wheel_truck", _("三轮汽车、装用单缸发动机的低速货车")
    LOW_SPEED_TRUCK_MULTI = "low_speed_truck_multi", _("装用多缸发动机的低速货车")
    MINI_TRUCK = "mini_truck", _("微型载货汽车")
    HAZMAT_TRUCK = "hazmat_truck", _("危险品运输载货汽车")
    TRUCK_OTHER = "truck_other", _("其他载货汽车（含半挂、全挂牵引车）")
    SPECIAL_WITH_CARGO = "special_with_cargo", _("有载货功能的专项作业车")
    SPECIAL_WITHOUT_CARGO = "special_without_cargo", _("无载货功能的专项作业车")
    FULL_TRAILER = "full_trailer", _("全挂车")
    HAZMAT_SEMI_TRAILER = "hazmat_semi_trailer", _("危险品运输半挂车")
    CONTAINER_SEMI_TRAILER = "container_semi_trailer", _("集装箱半挂车")
    SEMI_TRAILER_OTHER = "semi_trailer_other", _("其他半挂车")
    MOTORCYCLE_THREE_WHEEL = "motorcycle_three_wheel", _("正三轮摩托车")
    MOTORCYCLE_OTHER = "motorcycle_other", _("其他摩托车")
    NONCOMMERCIAL_PASSENGER_SMALL = "noncommercial_passenger_small", _("小微型非营运载客汽车")
    NONCOMMERCIAL_SEDAN_LARGE = "noncommercial_sedan_large", _("大型非营运轿车")
    WHEELED_SPECIAL_MACHINERY = "wheeled_special_machinery", _("轮式专用机械车")


class PreviousUse(models.TextChoices):
    NONCOMMERCIAL = "noncommercial", _("非营运")
    COMMERCIAL = "commercial", _("营运")
    CHANGED = "changed", _("营运与非营运之间变更过")


class EventType(models.TextChoices):
    PROCUREMENT = "procurement", _("采购")
    TRANSFER_REGISTRATION = "transfer_registration", _("交易/转移登记")
    REFURBISHMENT = "refurbishment", _("整备")
    INSPECTION = "inspection", _("检测")
    LICENCE_ISSUED = "licence_issued", _("出口许可证签发")
    CUSTOMS_DECLARATION = "customs_declaration", _("报关")
    CUSTOMS_CLEARANCE = "customs_clearance", _("海关放行")
    SALE = "sale", _("销售")
    AFTERSALES = "aftersales", _("售后")
    CLAIM = "claim", _("出险")
    REPAIR = "repair", _("维修")
    THEFT_FLAG = "theft_flag", _("被盗抢标记")
    TRAFFIC_MATTER = "traffic_matter", _("交通违法/事故")
    TRAFFIC_MATTER_CLOSED = "traffic_matter_closed", _("交通违法/事故处理完毕")
    DEREGISTRATION = "deregistration", _("注销登记")
    COMPLAINT = "complaint", _("投诉")
    INCIDENT = "incident", _("应急事件")  # 实施方案三(四): the car is among those an incident touches
    CORRECTION = "correction", _("更正")


class InspectionConclusion(models.TextChoices):
    """The `conclusion` of an `inspection` event (api.md table) and Vehicle.inspection_conclusion."""

    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class Vehicle(models.Model):
    vin = models.CharField(_("车辆识别代号（VIN）"), max_length=17, unique=True)
    enterprise = models.ForeignKey(
        "portal.Organisation", on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("出口企业")
    )
    plate_number = models.CharField(_("号牌号码"), max_length=16, blank=True)
    brand = models.CharField(_("品牌"), max_length=64)
    model = models.CharField(_("车型"), max_length=64)
    vehicle_type = models.CharField(_("车辆类型"), max_length=40, choices=VehicleType.choices)
    previous_use = models.CharField(
        _("使用性质"), max_length=16, choices=PreviousUse.choices, default=PreviousUse.NONCOMMERCIAL
    )
    commercial_vehicle_type = models.CharField(
        _("营运时的车辆类型"), max_length=40, choices=VehicleType.choices, blank=True,
        help_text=_("报废规定第六条：营运与非营运之间变更过的，按营运车辆规定执行"),
    )
    registration_date = models.DateField(_("初次登记日期"))
    manufacture_date = models.DateField(_("出厂日期"), null=True, blank=True)
    mileage_km = models.PositiveIntegerField(_("行驶里程（公里）"))
    has_aftersales_confirmation = models.BooleanField(
        _("已有厂家《售后维修服务确认书》"), default=False,
        help_text=_("初次登记不满180日（含）的车辆申领许可证时需要"),
    )
    vin_check_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("进口车辆 VIN 校验位不符时，由录入人员确认"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Facts derived from the file, kept in indexed columns for lists and set-based compliance
    # sweeps; written only by traceability.services in the same transaction as the event.
    last_seq = models.PositiveIntegerField(default=0)
    head_hash = models.CharField(max_length=64, blank=True)
    registered_to_enterprise_on = models.DateField(null=True, blank=True)
    cleared_on = models.DateField(_("海关放行日期"), null=True, blank=True, db_index=True)
    deregistered_on = models.DateField(_("注销登记日期"), null=True, blank=True, db_index=True)
    destination_country = models.CharField(_("目的国"), max_length=2, blank=True)
    stolen = models.BooleanField(_("被盗抢"), default=False)
    assembled = models.BooleanField(_("拼装车"), default=False)
    scrapped = models.BooleanField(_("已报废注销"), default=False)
    inspection_conclusion = models.CharField(_("检测结论"), max_length=8, blank=True)
    inspected_on = models.DateField(_("检测日期"), null=True, blank=True)
    open_traffic_matters = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("车辆")
        verbose_name_plural = _("车辆")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["enterprise", "-created_at"]),
            models.Index(fields=["enterprise", "cleared_on"]),
            models.Index(fields=["-created_at", "-id"], name="vehicle_recent_idx"),
            # the list's type and stage filters (issue 10): a filtered count reads this index, not the table
            models.Index(fields=["vehicle_type", "deregistered_on", "cleared_on"], name="vehicle_type_stage_idx"),
        ]

    def __str__(self) -> str:
        return self.vin

    @property
    def inspection_conclusion_label(self) -> str:
        code = self.inspection_conclusion
        return InspectionConclusion(code).label if code in InspectionConclusion.values else code


class QualificationKind(models.TextChoices):
    """办法第九条, 实施方案三(二): the qualifications a third-party inspection body may hold."""

    CMA = "cma", _("检验检测机构资质认定（CMA）")
    CNAS = "cnas", _("中国合格评定国家认可（CNAS）")
    IMPORT_EXPORT = "import_export", _("进出口商品检验鉴定机构资格")


class InspectionQualification(models.Model):
    """The bureau's register of inspection bodies' qualifications (domain-rules v1.1): an inspection
    is accepted only with a number registered here that covers motor vehicles and is valid that day."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT,
                                     related_name="inspection_qualifications", verbose_name=_("检测机构"))
    kind = models.CharField(_("资质类别"), max_length=16, choices=QualificationKind.choices)
    number = models.CharField(_("资质证书编号"), max_length=64)
    scope = models.CharField(_("检验检测范围"), max_length=300, blank=True)
    covers_motor_vehicles = models.BooleanField(_("范围包括机动车"), default=True)
    valid_from = models.DateField(_("有效期起"))
    valid_until = models.DateField(_("有效期至"))

    class Meta:
        verbose_name = _("检测机构资质")
        verbose_name_plural = _("检测机构资质")
        ordering = ["organisation_id", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="inspection_qualification_number_unique"),
            models.CheckConstraint(name="inspection_qualification_valid_range",
                                   condition=Q(valid_until__gte=models.F("valid_from"))),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class TraceEvent(models.Model):
    """Append-only: the database refuses UPDATE and DELETE (see the migration's trigger)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=32, choices=EventType.choices)
    occurred_on = models.DateField()
    payload = models.JSONField(default=dict)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by_organisation = models.ForeignKey(
        "portal.Organisation", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The username as it was when recorded: the hash covers it, so a later rename cannot break it.
    recorded_by_username = models.CharField(max_length=150, default="")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    corrects_seq = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["vehicle_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["vehicle", "seq"], name="trace_event_seq_unique"),
            models.CheckConstraint(name="trace_event_seq_positive", condition=Q(seq__gte=1)),
            # 实施方案三(二) 一车一检: one inspection report per car; a later one is a `correction`.
            models.UniqueConstraint(fields=["vehicle"], condition=Q(type="inspection"),
                                    name="trace_event_one_inspection_per_vehicle"),
        ]
        indexes = [models.Index(fields=["type", "occurred_on"])]

    @property
    def payload_in_words(self) -> list[tuple[str, str]]:
        """[(label, value)]: the payload as a person reads it (traceability.events declares the words)."""
        from .events import payload_display

        return payload_display(self.type, self.payload)


class LicenceStatus(models.TextChoices):
    REQUESTED = "requested", _("已申请")
    PREPARED = "prepared", _("已拟办")
    ISSUED = "issued", _("已签发")
    USED = "used", _("已使用")
    EXPIRED = "expired", _("已过期")
    CANCELLED = "cancelled", _("已注销")
    REFUSED = "refused", _("不予签发")
    SUSPENDED = "suspended", _("已暂停")
    SURRENDERED = "surrendered", _("已交回")
    REVOKED = "revoked", _("已撤销")


class LicenceChange(models.TextChoices):
    """What happened to an issued licence; each change is one append-only LicenceVersion row."""

    ISSUED = "issued", _("签发")
    USED = "used", _("报关放行使用")
    EXPIRED = "expired", _("有效期届满失效")
    SUSPENDED = "suspended", _("暂停")
    REINSTATED = "reinstated", _("恢复")
    SURRENDERED = "surrendered", _("企业交回")
    REVOKED = "revoked", _("撤销")
    CANCELLED = "cancelled", _("注销")


CHECK_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # letters and digits, none that reads as another


def new_check_code() -> str:
    """api.md v1.1: 8 random characters, printed on the licence and in its QR code; without it the public
    check answers only the number and status (licence numbers are sequential)."""
    import secrets

    return "".join(secrets.choice(CHECK_CODE_ALPHABET) for _ in range(8))


class Licence(models.Model):
    """One licence per batch (一批一证), used once."""

    number = models.CharField(_("许可证号"), max_length=32, unique=True, null=True, blank=True)
    check_code = models.CharField(_("查验码"), max_length=8, default=new_check_code, editable=False)
    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="licences")
    destination_country = models.CharField(_("目的国"), max_length=2)
    status = models.CharField(max_length=16, choices=LicenceStatus.choices, default=LicenceStatus.REQUESTED)
    vehicles = models.ManyToManyField(Vehicle, through="LicenceVehicle", related_name="licences")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True, db_index=True)
    used_on = models.DateField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["-requested_at", "-id"], name="licence_recent_idx"),  # the list's order
            # The few licences waiting for an official (the work queue): 1M vehicles' 156k used licences were
            # read in full on every queue page (issue 25).
            models.Index(fields=["status"], name="licence_waiting_idx",
                         condition=models.Q(status__in=["requested", "prepared"])),
        ]
        constraints = [
            models.CheckConstraint(
                name="licence_maker_is_not_checker",
                condition=Q(prepared_by__isnull=True) | Q(issued_by__isnull=True) | ~Q(prepared_by=models.F("issued_by")),
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk}"

    def is_valid_on(self, day) -> bool:
        return (
            self.status in (LicenceStatus.ISSUED, LicenceStatus.USED)
            and self.issued_on is not None
            and self.issued_on <= day <= self.valid_until
        )


class LicenceVersion(models.Model):
    """An issued licence is never edited: every change after issue appends a version (the
    database refuses UPDATE and DELETE, see the migration), with who, when and why."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    change = models.CharField(_("变更"), max_length=16, choices=LicenceChange.choices)
    status = models.CharField(_("变更后状态"), max_length=16, choices=LicenceStatus.choices)
    reason = models.TextField(_("原因"), blank=True)
    effective_on = models.DateField(_("生效日期"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(default=dict)  # number, valid_until and VINs as they stood

    class Meta:
        ordering = ["licence_id", "version"]
        verbose_name = _("许可证版本")
        verbose_name_plural = _("许可证版本")
        constraints = [
            models.UniqueConstraint(fields=["licence", "version"], name="licence_version_unique"),
            models.CheckConstraint(name="licence_version_positive", condition=Q(version__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.licence} v{self.version} · {self.get_change_display()}"


class LicenceVehicle(models.Model):
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT)
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["licence", "vehicle"], name="licence_vehicle_unique")]


class EventAttachment(StoredDocument):
    """A document of one trace event; its SHA-256 is in the event's payload, so the hash covers it."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(TraceEvent, on_delete=models.PROTECT, related_name="attachments")

    class Meta:
        ordering = ["event_id", "id"]


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    VALIDATING = "validating", _("校验中")
    IMPORTING = "importing", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("校验未通过，未导入")


class VehicleImport(models.Model):
    """A bulk import run by a Celery task; the progress page polls it."""

    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row", "field", "message"}]
    confirm_vin_warnings = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (ImportStatus.DONE, ImportStatus.FAILED) else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


# --- The event log (api.md v1.1 "Public verification and the event log") ---------------------------
class SigningKey(models.Model):
    """An Ed25519 public key the portal signs public answers and tree heads with. A key is recorded the
    first time it signs and stays published after a newer one replaces it (append-only)."""

    key_id = models.CharField(max_length=32, unique=True)
    public_key = models.CharField(max_length=64)  # base64url of the raw 32 bytes, no padding
    valid_from = models.DateTimeField()

    class Meta:
        ordering = ["valid_from", "id"]

    def __str__(self) -> str:
        return self.key_id


class LogBlock(models.Model):
    """The hash of one complete block of merkle.BLOCK_SIZE leaves of the event log (leaves
    index*BLOCK_SIZE .. (index+1)*BLOCK_SIZE-1, in ascending event id), written when a head first covers
    it: proofs then read one block of events and the block hashes, not every event. Append-only."""

    index = models.PositiveBigIntegerField(unique=True)
    first_event_id = models.BigIntegerField()
    last_event_id = models.BigIntegerField(unique=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["index"]


class TreeHead(models.Model):
    """A signed tree head: the Merkle root over the first `tree_size` events (ascending id), as published.
    `statement` is the canonical JSON that was signed (tree_size, root_hash, published_at). Append-only."""

    tree_size = models.PositiveBigIntegerField(db_index=True)
    root_hash = models.CharField(max_length=64)
    last_event_id = models.BigIntegerField(default=0)  # the newest event the head covers (0: none)
    published_at = models.DateTimeField()
    statement = models.TextField()
    key_id = models.CharField(max_length=32)
    signature = models.CharField(max_length=100)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.tree_size} · {self.root_hash[:12]}"


class ExportHold(models.Model):
    """实施方案三(四): customs or the bureau holds further exports of one brand and model of one
    enterprise while an emergency incident is open; the licence rules read it (traceability.holds) and
    the hold lifts when its source (the incident) closes. Set and lifted, never deleted."""

    enterprise = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="export_holds",
                                   verbose_name=_("出口企业"))
    brand = models.CharField(_("品牌"), max_length=64)
    model = models.CharField(_("车型"), max_length=64)
    reason = models.TextField(_("暂停理由"))
    source = models.CharField(_("来源"), max_length=60)  # e.g. "incident:12"
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("设置人"))
    set_at = models.DateTimeField(_("设置时间"), auto_now_add=True)
    set_on = models.DateField(_("设置日期"))
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lifted_on = models.DateField(_("解除日期"), null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lift_reason = models.CharField(_("解除原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("暂停出口")
        verbose_name_plural = _("暂停出口")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "brand", "model", "source"], condition=Q(lifted_at__isnull=True),
                                    name="one_live_export_hold_per_model_source"),
            models.CheckConstraint(name="export_hold_lifted_has_date",
                                   condition=Q(lifted_at__isnull=True) | Q(lifted_on__isnull=False)),
        ]
        indexes = [models.Index(fields=["enterprise", "lifted_at"], name="export_hold_live_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.brand} {self.model}"
