"""api.md "Vehicles", "Export licences" and the public checks: thin views over services and selectors."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api_support import ActionsField, BoundedDateField, role_permission
from portal.audit import record_read
from portal.parsers import FormParser, JSONObjectParser, MultiPartParser
from portal.pdf import pdf_response
from portal.roles import BUREAU_ROLES, Role, has_role
from portal.selectors import get_visible_or_404

from . import documents, imports, public_limit, selectors, services, signatures
from .filters import filter_licences, filter_vehicles
from .models import EventType, Licence, PreviousUse, Vehicle, VehicleImport, VehicleType
from .pagination import VehicleApiPagination
from .workflow import KIND as LICENCE_KIND
from .workflow import api_codes


# --- Serializers ------------------------------------------------------------------------------------
class VehicleSerializer(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    enterprise_id = serializers.IntegerField(read_only=True)
    event_count = serializers.IntegerField(source="last_seq", read_only=True)
    vin_check_confirmed = serializers.SerializerMethodField()
    # A plain string: the same choice set as vehicle_type (one enum in the schema).
    commercial_vehicle_type = serializers.CharField(read_only=True)

    class Meta:
        model = Vehicle
        fields = [
            "id", "vin", "enterprise", "enterprise_id", "plate_number", "brand", "model", "vehicle_type",
            "previous_use", "commercial_vehicle_type", "registration_date", "manufacture_date", "mileage_km",
            "has_aftersales_confirmation", "vin_check_confirmed", "registered_to_enterprise_on",
            "inspection_conclusion", "inspected_on", "stolen", "cleared_on", "deregistered_on",
            "destination_country", "event_count", "head_hash", "created_at",
        ]

    def get_vin_check_confirmed(self, vehicle) -> bool:
        return vehicle.vin_check_confirmed_by_id is not None


MAX_MILEAGE_KM = 10_000_000


class VehicleCreateSerializer(serializers.Serializer):
    vin = serializers.CharField(max_length=32)
    plate_number = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    brand = serializers.CharField(max_length=64)
    model = serializers.CharField(max_length=64)
    vehicle_type = serializers.ChoiceField(choices=VehicleType.choices)
    registration_date = BoundedDateField()
    manufacture_date = BoundedDateField(required=False, allow_null=True, default=None)
    mileage_km = serializers.IntegerField(min_value=0, max_value=MAX_MILEAGE_KM)  # api.md v1.1 "Bad input"
    previous_use = serializers.ChoiceField(choices=PreviousUse.choices, default=PreviousUse.NONCOMMERCIAL)
    commercial_vehicle_type = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="a vehicle_type code: the class while in commercial use"
    )
    has_aftersales_confirmation = serializers.BooleanField(default=False)
    confirm_vin_check = serializers.BooleanField(
        default=False, help_text="An imported vehicle's VIN without a valid check character: the officer confirms."
    )


def event_representation(event) -> dict:
    """api.md: {"seq", "type", "occurred_on", "recorded_at", "recorded_by", "hash", "prev_hash", ...fields}."""
    return {
        **event.payload,
        "seq": event.seq,
        "type": event.type,
        "occurred_on": event.occurred_on,
        "recorded_at": timezone.localtime(event.recorded_at),
        "recorded_by": event.recorded_by_username,
        "recorded_by_organisation": event.recorded_by_organisation.name if event.recorded_by_organisation else None,
        "corrects_seq": event.corrects_seq,
        "hash": event.hash,
        "prev_hash": event.prev_hash,
    }


class EventInputSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=EventType.choices)
    occurred_on = BoundedDateField()


class EventOutputSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    type = serializers.CharField()
    occurred_on = serializers.DateField()
    recorded_at = serializers.DateTimeField()
    recorded_by = serializers.CharField()
    hash = serializers.CharField()
    prev_hash = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.DictField())
    service_life_years = serializers.IntegerField(allow_null=True)
    scrap_due_date = serializers.DateField(allow_null=True)
    export_banned_from = serializers.DateField(allow_null=True)


class VerifySerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    count = serializers.IntegerField()
    head = serializers.CharField()


class LicenceSerializer(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    vins = serializers.SerializerMethodField()
    prepared_by = serializers.CharField(source="prepared_by.username", default=None, read_only=True)
    issued_by = serializers.CharField(source="issued_by.username", default=None, read_only=True)
    check_code = serializers.SerializerMethodField(
        help_text="api.md v1.1: the public check code, for the enterprise and the bureau (null for others)")

    class Meta:
        model = Licence
        fields = [
            "id", "number", "status", "enterprise", "destination_country", "vins", "requested_at",
            "prepared_by", "issued_by", "issued_on", "valid_until", "used_on", "cancelled_reason", "cancelled_on",
            "check_code",
        ]

    def get_check_code(self, licence) -> str | None:
        request = self.context.get("request")
        return licence.check_code if request is not None and selectors.may_see_check_code(request.user, licence) \
            else None

    def get_vins(self, licence) -> list[str]:
        return sorted(v.vin for v in licence.vehicles.all())


class LicenceActionsField(ActionsField):
    """api.md v1.1 "Actions" of the licence declaration, named as the contract names them (the officer's
    `prepare` is the contract's `issue`: "prepare or issue, by who calls")."""

    def __init__(self, **kwargs):
        super().__init__(LICENCE_KIND, **kwargs)

    def to_representation(self, obj):
        return api_codes(super().to_representation(obj))


class LicenceDetailSerializer(LicenceSerializer):
    """GET /api/v1/licences/{id}/ (and the answers of its actions): the licence with its `actions`."""

    actions = LicenceActionsField()

    class Meta(LicenceSerializer.Meta):
        fields = [*LicenceSerializer.Meta.fields, "actions"]


class LicenceCreateSerializer(serializers.Serializer):
    vins = serializers.ListField(child=serializers.CharField(max_length=32), allow_empty=False)
    destination_country = serializers.CharField(max_length=2)


class SignatureSerializer(serializers.Serializer):
    alg = serializers.CharField(help_text="Ed25519")
    key_id = serializers.CharField()
    value = serializers.CharField(help_text="base64url (no padding) signature of the canonical JSON of the answer "
                                            "without its signature member")


class PublicLicenceRefSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class PublicLicenceSerializer(PublicLicenceRefSerializer):
    destination_country = serializers.CharField()
    enterprise = serializers.CharField()
    issuing_authority = serializers.CharField()
    vins = serializers.ListField(child=serializers.CharField())
    status_label = serializers.CharField()
    history = serializers.ListField(child=serializers.DictField(), help_text="version, change, status, effective_on")
    signature = SignatureSerializer()


class PublicVehicleSerializer(serializers.Serializer):
    vin = serializers.CharField()
    brand = serializers.CharField()
    model = serializers.CharField()
    vehicle_type = serializers.CharField()
    enterprise = serializers.CharField()
    inspection_conclusion = serializers.CharField(allow_null=True)
    inspected_on = serializers.DateField(allow_null=True)
    licence = PublicLicenceRefSerializer(allow_null=True)
    exported_on = serializers.DateField(allow_null=True)
    destination_country = serializers.CharField(allow_null=True)
    deregistered_on = serializers.DateField(allow_null=True)
    chain_valid = serializers.BooleanField()
    event_count = serializers.IntegerField()
    signature = SignatureSerializer()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ImportSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="pending | validating | importing | done | failed")

    class Meta:
        model = VehicleImport
        fields = ["id", "filename", "status", "total_rows", "processed_rows", "percent", "imported_count", "errors",
                  "created_at"]


# --- Vehicles ---------------------------------------------------------------------------------------
def _vehicle(request, vin):
    return get_visible_or_404(selectors.vehicles_visible_to(request.user), vin=vin.upper())


class VehicleListCreate(generics.ListAPIView):
    serializer_class = VehicleSerializer
    pagination_class = VehicleApiPagination

    @extend_schema(parameters=[
        OpenApiParameter("q", str, description="VIN, plate or brand"), OpenApiParameter("vehicle_type", str),
        OpenApiParameter("stage", str, enum=["in_file", "cleared", "deregistered"]),
        OpenApiParameter("enterprise", int),
    ])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return filter_vehicles(selectors.vehicles_visible_to(self.request.user), self.request.query_params)

    @extend_schema(request=VehicleCreateSerializer, responses={201: VehicleSerializer})
    def post(self, request):
        services.ensure_may_register(request.user)  # the role before the body: 403, not 400 (api.md)
        data = VehicleCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        confirm = fields.pop("confirm_vin_check")
        vehicle = services.register_vehicle(fields, actor=request.user, today=timezone.localdate(),
                                            confirm_vin_check=confirm)
        return Response(VehicleSerializer(vehicle).data, status=status.HTTP_201_CREATED)


class VehicleDetail(APIView):
    @extend_schema(responses=VehicleSerializer)
    def get(self, request, vin):
        vehicle = _vehicle(request, vin)
        record_read(request.user, vehicle)
        return Response(VehicleSerializer(vehicle).data)


class VehicleEligibility(APIView):
    @extend_schema(parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD, default today")],
                   responses=EligibilitySerializer)
    def get(self, request, vin):
        vehicle = _vehicle(request, vin)
        as_of = None
        if request.query_params.get("as_of"):
            try:
                as_of = BoundedDateField().run_validation(request.query_params["as_of"])
            except serializers.ValidationError as exc:
                raise serializers.ValidationError({"as_of": exc.detail})
        return Response(selectors.eligibility(vehicle, as_of or timezone.localdate()).as_dict())


class VehicleEvents(APIView):
    parser_classes = [JSONObjectParser, MultiPartParser, FormParser]

    @extend_schema(responses=EventOutputSerializer(many=True))
    def get(self, request, vin):
        vehicle = _vehicle(request, vin)
        return Response([event_representation(e) for e in selectors.events_of(vehicle)])

    @extend_schema(request=EventInputSerializer, responses={201: EventOutputSerializer})
    def post(self, request, vin):
        vehicle = get_visible_or_404(selectors.vehicles_recordable_by(request.user), vin=vin.upper())
        services.ensure_may_record_events(request.user)
        head = EventInputSerializer(data=request.data)
        head.is_valid(raise_exception=True)
        data = {k: request.data.get(k) for k in request.data if k not in ("type", "occurred_on", "attachments")}
        event = services.append_event(
            vehicle, head.validated_data["type"], data, actor=request.user,
            occurred_on=head.validated_data["occurred_on"], attachments=request.FILES.getlist("attachments"),
        )
        return Response(event_representation(event), status=status.HTTP_201_CREATED)


class VehicleVerify(APIView):
    @extend_schema(responses=VerifySerializer)
    def get(self, request, vin):
        report = selectors.verify_vehicle(_vehicle(request, vin))
        return Response({"valid": report.valid, "count": report.count, "head": report.head})


class VehicleDossier(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, vin):
        vehicle = _vehicle(request, vin)
        record_read(request.user, vehicle)
        return pdf_response(documents.dossier_pdf(vehicle), f"dossier-{vehicle.vin}.pdf")


class VehicleImportCreate(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [role_permission(Role.ENTERPRISE_USER)]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string",
                   "format": "binary"}}}}, responses={202: ImportSerializer})
    def post(self, request):
        services.ensure_may_register(request.user)  # a non-pilot enterprise is refused before the file is read
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise serializers.ValidationError({"file": [_("请上传文件。")]})
        job = imports.start_import(uploaded, actor=request.user)
        return Response(ImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class VehicleImportDetail(APIView):
    @extend_schema(responses=ImportSerializer)
    def get(self, request, pk):
        job = get_object_or_404(VehicleImport, pk=pk, created_by=request.user)
        return Response(ImportSerializer(job).data)


# --- Licences ---------------------------------------------------------------------------------------
class LicenceListCreate(generics.ListAPIView):
    serializer_class = LicenceSerializer

    @extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("q", str)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = selectors.licences_visible_to(self.request.user).prefetch_related("vehicles")
        return filter_licences(qs, self.request.query_params)

    @extend_schema(request=LicenceCreateSerializer, responses={201: LicenceSerializer})
    def post(self, request):
        if not has_role(request.user, Role.ENTERPRISE_USER) or request.user.organisation_id is None:
            raise PermissionDenied  # the role before the body: 403, not 400 (api.md)
        data = LicenceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        licence = services.apply_for_licence(data.validated_data["vins"], data.validated_data["destination_country"],
                                             actor=request.user, today=timezone.localdate())
        return Response(LicenceSerializer(licence, context={"request": request}).data, status=status.HTTP_201_CREATED)


def _licence(request, pk):
    return get_visible_or_404(selectors.licences_visible_to(request.user).prefetch_related("vehicles"), pk=pk)


class LicenceDetail(APIView):
    @extend_schema(responses=LicenceDetailSerializer)
    def get(self, request, pk):
        return Response(LicenceDetailSerializer(_licence(request, pk), context={"request": request}).data)


class LicenceIssue(APIView):
    permission_classes = [role_permission(*BUREAU_ROLES)]

    @extend_schema(request=None, responses=LicenceDetailSerializer)
    def post(self, request, pk):
        licence = services.issue_licence(_licence(request, pk), actor=request.user, today=timezone.localdate())
        return Response(LicenceDetailSerializer(_licence(request, licence.pk), context={"request": request}).data)


class LicenceCancel(APIView):
    @extend_schema(request=ReasonSerializer, responses=LicenceDetailSerializer)
    def post(self, request, pk):
        licence = _licence(request, pk)
        # The service checks who may cancel before it asks for the reason (403 before 400).
        reason = str(request.data.get("reason") or "")
        services.cancel_licence(licence, reason, actor=request.user, today=timezone.localdate())
        return Response(LicenceDetailSerializer(_licence(request, pk), context={"request": request}).data)


class LicencePdf(APIView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        licence = _licence(request, pk)
        if not licence.number:
            raise PermissionDenied
        return pdf_response(documents.licence_pdf(licence, request), f"licence-{licence.number}.pdf")


# --- Public (no login) ------------------------------------------------------------------------------
class JSONOnly(BaseContentNegotiation):
    """api.md "JSON in and out": the public checks answer JSON whatever the Accept header says, without
    parsing it (issue 10: the negotiation and the browsable API were a tenth of the request's time)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicView(APIView):
    """No login, no session or token read, JSON only; the per-address limit of public verification
    (public_limit, api.md v1.1) and the answer's language (`Accept-Language` or `?lang=`)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        wait = public_limit.retry_after(request)
        if wait is not None:
            raise Throttled(wait=wait)


class PublicLicence(PublicView):

    @extend_schema(auth=[], responses=PublicLicenceSerializer,
                   parameters=[OpenApiParameter("code", str, description="the licence's 8-character check code")])
    def get(self, request, number):
        licence = get_object_or_404(Licence.objects.select_related("enterprise").prefetch_related("vehicles"),
                                    number=number.upper())
        return Response(signatures.signed(selectors.public_licence_answer(licence, request.GET.get("code"))))


class PublicVehicle(PublicView):

    @extend_schema(auth=[], responses=PublicVehicleSerializer)
    def get(self, request, vin):
        summary = selectors.public_vehicle_summary(vin.upper())
        if summary is None:
            raise Http404
        return Response(signatures.signed(summary))
