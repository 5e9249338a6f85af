"""api.md "Applications" and the intake actions of "Intake and review": thin views over services."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.activity import timeline_for
from portal.api_support import role_permission
from portal.audit import record_read, record_reads
from portal.parsers import FormParser, MultiPartParser
from portal.pdf import pdf_response
from portal.roles import BUREAU_ROLES, Role, has_role
from portal.selectors import get_visible_or_404
from portal.uploads import serve_document

from . import rules, selectors, services
from .documents import receipt_filename, receipt_pdf
from .serializers import (
    ApplicationDetailSerializer,
    ApplicationEligibilitySerializer,
    ApplicationSerializer,
    AttachmentSerializer,
    FindingSerializer,
    ReturnSerializer,
)

BureauOnly = role_permission(*BUREAU_ROLES)
EnterpriseOnly = role_permission(Role.ENTERPRISE_USER)


def _visible(request, pk):
    """404 to anyone who may not see the application (another organisation's included)."""
    return get_visible_or_404(selectors.applications_visible_to(request.user), pk=pk)


def _state(request, application) -> Response:
    application = selectors.applications_visible_to(request.user).prefetch_related("corrections").get(
        pk=application.pk
    )
    return Response(ApplicationDetailSerializer(application, context={"request": request}).data)


def _eligibility(application) -> Response:
    checks = rules.check_eligibility(application, services.policy_for(application))
    return Response({"eligible": rules.is_eligible(checks), "checks": [c.as_dict() for c in checks]})


class ApplicationListCreate(generics.ListCreateAPIView):
    """GET: the applications the user may see (?q=, ?status=); POST: a draft for one's organisation."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        qs = selectors.applications_visible_to(self.request.user).prefetch_related("corrections")
        return selectors.search_applications(
            qs, query=self.request.query_params.get("q", ""), status=self.request.query_params.get("status", "")
        )

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("status", str)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset):
        # Applications carry personal data (legal representative, contact): list reads are audited.
        page = super().paginate_queryset(queryset)
        record_reads(self.request.user, page if page is not None else queryset)
        return page

    def create(self, request, *args, **kwargs):
        if not has_role(request.user, Role.ENTERPRISE_USER):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.create_application(actor=request.user, data=serializer.validated_data)
        return Response(_state(request, application).data, status=status.HTTP_201_CREATED)


class ApplicationDetail(generics.RetrieveUpdateAPIView):
    """GET the application (the read is audited); PATCH a draft or one returned for 补正."""

    serializer_class = ApplicationSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return _visible(self.request, self.kwargs["pk"])

    @extend_schema(responses=ApplicationDetailSerializer)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ApplicationSerializer, responses=ApplicationDetailSerializer)
    def patch(self, request, *args, **kwargs):
        return super().patch(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        application = self.get_object()
        record_read(request.user, application)
        return _state(request, application)

    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        if not services.is_applicant(application, request.user):
            raise PermissionDenied
        serializer = self.get_serializer(application, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        application = services.update_application(application, actor=request.user, data=serializer.validated_data,
                                                   step="api")
        return _state(request, application)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class EligibilityView(APIView):
    """The admission check of 办法第三条: `passed` null = awaiting a bureau officer's finding."""

    @extend_schema(responses=ApplicationEligibilitySerializer)
    def get(self, request, pk):
        application = _visible(request, pk)
        return _eligibility(application)


class SubmitView(APIView):
    """Submit or resubmit: 409 with the failing rules; otherwise frozen, with a reference number."""

    permission_classes = [EnterpriseOnly]

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    def post(self, request, pk):
        application = _visible(request, pk)
        # api.md's submit takes no body: API clients accepted the 信用承诺书 out of band, recorded here.
        services.submit_application(application, actor=request.user, today=timezone.localdate(),
                                    credit_commitment=True)
        return _state(request, application)


class AcceptView(APIView):
    """受理 by the bureau; 409 `not_awaiting_intake` unless the application waits for intake."""

    permission_classes = [BureauOnly]

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    def post(self, request, pk):
        application = _visible(request, pk)
        services.accept_application(application, actor=request.user, today=timezone.localdate())
        return _state(request, application)


class ReturnView(APIView):
    """补正 {"items": [...], "deadline": "YYYY-MM-DD"}: back to the enterprise for correction."""

    permission_classes = [BureauOnly]

    @extend_schema(request=ReturnSerializer, responses=ApplicationDetailSerializer)
    def post(self, request, pk):
        application = _visible(request, pk)
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.return_for_correction(application, actor=request.user, today=timezone.localdate(), **body.validated_data)
        return _state(request, application)


class FindingView(APIView):
    """A bureau officer's finding on a judgement criterion of 第三条 (answers the eligibility)."""

    permission_classes = [BureauOnly]

    @extend_schema(request=FindingSerializer, responses=ApplicationEligibilitySerializer)
    def post(self, request, pk):
        application = _visible(request, pk)
        body = FindingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.record_finding(application, actor=request.user, today=timezone.localdate(), **body.validated_data)
        return _eligibility(application)


class ReceiptView(APIView):
    """The PDF receipt (受理回执) with the full content, once the application has a reference number."""

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        application = _visible(request, pk)
        if not application.reference_number:
            return Response({"detail": "not submitted"}, status=status.HTTP_404_NOT_FOUND)
        return pdf_response(receipt_pdf(application), receipt_filename(application))


class AttachmentListCreate(APIView):
    """GET the documents; POST multipart {"kind", "file"} (PDF/JPEG/PNG by content, size-limited)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=AttachmentSerializer(many=True))
    def get(self, request, pk):
        application = _visible(request, pk)
        return Response(AttachmentSerializer(application.attachments.all(), many=True).data)

    @extend_schema(request=AttachmentSerializer, responses={201: AttachmentSerializer})
    def post(self, request, pk):
        application = _visible(request, pk)
        if not services.is_applicant(application, request.user):
            raise PermissionDenied  # the bureau reads attachments but never uploads them: 403, not 400
        body = AttachmentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = services.add_attachment(
            application, kind=body.validated_data["kind"], uploaded=body.validated_data["file"], actor=request.user
        )
        return Response(AttachmentSerializer(document).data, status=status.HTTP_201_CREATED)


class AttachmentDownload(APIView):
    """The stored file, only to those who may see the application."""

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk, attachment_id):
        application = _visible(request, pk)
        document = get_object_or_404(application.attachments, pk=attachment_id)
        return serve_document(document)


class TimelineView(APIView):
    """Every transition with who, when and why; the enterprise does not see internal notes."""

    @extend_schema(responses={200: dict})
    def get(self, request, pk):
        application = _visible(request, pk)
        entries = timeline_for(application, include_internal=not has_role(request.user, Role.ENTERPRISE_USER))
        return Response([
            {"action": e.action, "at": e.at, "actor": e.actor.display_name if e.actor else None,
             "from_status": e.from_status, "to_status": e.to_status, "reason": e.reason, "data": e.data}
            for e in entries
        ])
