"""Complaints API (api.md "Complaints"): thin views over services and selectors."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api_support import ActionsField, role_permission
from portal.audit import record_read, record_reads
from portal.privacy import MaskPersonalDataMixin, mask_email, mask_name, mask_phone
from portal.roles import BUREAU_ROLES, Role
from portal.throttling import FallbackRateThrottle

from . import selectors, services
from .models import Complaint, ComplaintCategory, Severity
from .workflow import COMPLAINT

# api.md: lodging is not throttled below 30 a minute per address.
PUBLIC_COMPLAINT_RATE = "60/min"


class PublicComplaintThrottle(FallbackRateThrottle):
    scope = "public_complaints"
    rate = PUBLIC_COMPLAINT_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PublicComplaintCreateSerializer(serializers.Serializer):
    vin = serializers.CharField(required=False, allow_blank=True, max_length=17)
    enterprise = serializers.CharField(required=False, allow_blank=True, max_length=200)
    category = serializers.ChoiceField(choices=ComplaintCategory.choices)
    description = serializers.CharField(max_length=5000)
    contact_name = serializers.CharField(max_length=100)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, write_only=True)


class PublicComplaintStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = Complaint
        fields = ["number", "status", "received_on", "answered_on"]


class ComplaintSerializer(MaskPersonalDataMixin, serializers.ModelSerializer):
    # api.md v1.1 "Personal data": the complainant is a member of the public: in full to the bureau only.
    PERSONAL_FIELDS = {"contact_name": mask_name, "contact_email": mask_email, "contact_phone": mask_phone}

    vin = serializers.CharField(source="vehicle.vin", default=None, read_only=True)
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    enterprise_uscc = serializers.CharField(source="enterprise.uscc", read_only=True)
    actions = ActionsField("complaint")  # api.md v1.1 "Actions"

    class Meta:
        model = Complaint
        fields = [
            "id", "number", "status", "severity", "category", "description", "vin", "enterprise", "enterprise_uscc",
            "received_on", "assigned_on", "due_on", "answered_on", "answer", "escalated_on", "closed_on", "outcome",
            "contact_name", "contact_email", "contact_phone", "actions",
        ]
        read_only_fields = fields



class PublicComplaintCreateView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [PublicComplaintThrottle]

    @extend_schema(request=PublicComplaintCreateSerializer, responses={201: PublicComplaintStatusSerializer})
    def post(self, request):
        # The text fields only: copying a multipart QueryDict would deep-copy (pickle) its files,
        # which fails for an upload spooled to disk (issue 22 point 3). The parser ensures an object.
        data = {key: request.data.get(key) for key in request.data if key != "attachments"}
        files = request.FILES.getlist("attachments") if request.FILES else []
        serializer = PublicComplaintCreateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        fields = {k: v for k, v in serializer.validated_data.items() if k != "attachments"}
        complaint = services.lodge_complaint(**fields, attachments=files, today=timezone.localdate())
        return Response({"number": complaint.number, "status": complaint.status}, status=status.HTTP_201_CREATED)


class PublicComplaintStatusView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = PublicComplaintStatusSerializer

    def get_object(self):
        return selectors.public_complaint(self.kwargs["number"])


class ComplaintListView(generics.ListAPIView):
    permission_classes = [role_permission(*BUREAU_ROLES, Role.ENTERPRISE_USER)]
    serializer_class = ComplaintSerializer

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        record_reads(self.request.user, page if page is not None else queryset)  # issue 22 point 6
        return page

    def get_queryset(self):
        params = self.request.query_params
        return selectors.search_complaints(
            selectors.complaints_visible_to(self.request.user),
            q=params.get("q", "").strip(), status=params.get("status", ""),
            severity=params.get("severity", ""), category=params.get("category", ""),
        )


class ComplaintDetailView(generics.RetrieveAPIView):
    permission_classes = [role_permission(*BUREAU_ROLES, Role.ENTERPRISE_USER)]
    serializer_class = ComplaintSerializer

    def get_object(self):
        complaint = selectors.get_complaint_for(self.request.user, self.kwargs["pk"])
        record_read(self.request.user, complaint)  # issue 22 point 6: reads of complaints are audited
        return complaint


class TriageSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    note = serializers.CharField(required=False, allow_blank=True)


class AssignSerializer(serializers.Serializer):
    working_days = serializers.IntegerField(required=False, min_value=1, max_value=60)
    note = serializers.CharField(required=False, allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=5000)


class CloseSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=5000)


class RevocationSerializer(serializers.Serializer):
    ground = serializers.CharField(max_length=64, default="refused_aftersales_or_supervision")
    reason = serializers.CharField(max_length=5000)


def _action(serializer_class, code, call):
    """One POST endpoint per declared action (supervision.workflow): validate, call the service, answer
    the new state. The roles come from the declaration, checked before the body is read."""

    class ActionView(APIView):
        permission_classes = [role_permission(*COMPLAINT.action(code).roles)]

        @extend_schema(request=serializer_class, responses={200: ComplaintSerializer})
        def post(self, request, pk):
            complaint = selectors.get_complaint_for(request.user, pk)
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            call(complaint, serializer.validated_data, actor=request.user, today=timezone.localdate())
            fresh = selectors.get_complaint_for(request.user, pk)
            return Response(ComplaintSerializer(fresh, context={"request": request}).data)

    ActionView.__name__ = f"Complaint{serializer_class.__name__.replace('Serializer', '')}View"
    return ActionView.as_view()


triage_view = _action(TriageSerializer, "triage", lambda c, d, **kw: services.triage_complaint(
    c, d["severity"], note=d.get("note", ""), **kw))
assign_view = _action(AssignSerializer, "assign", lambda c, d, **kw: services.assign_complaint(
    c, working_days=d.get("working_days"), note=d.get("note", ""), **kw))
answer_view = _action(AnswerSerializer, "answer", lambda c, d, **kw: services.answer_complaint(
    c, d["answer"], **kw))
close_view = _action(CloseSerializer, "close", lambda c, d, **kw: services.close_complaint(
    c, d["outcome"], **kw))
revocation_view = _action(RevocationSerializer, "request_revocation", lambda c, d, **kw: services.request_revocation(
    c, d["ground"], reason=d["reason"], **kw))
