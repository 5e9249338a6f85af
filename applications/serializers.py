"""API shapes of api.md "Applications" (fields exactly as written there, plus extensions)."""

from decimal import Decimal

from rest_framework import serializers

from portal.api_support import ActionsField, BoundedDateField
from portal.privacy import MaskPersonalDataMixin, mask_name, mask_phone

from .models import Application, ApplicationAttachment, AttachmentKind, CorrectionRequest, JudgementCriterion
from .services import CONTENT_FIELDS
from .workflow import KIND as APPLICATION_KIND


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CorrectionRequest
        fields = ["items", "deadline", "requested_at", "resolved_at"]


class ApplicationSerializer(MaskPersonalDataMixin, serializers.ModelSerializer):
    # api.md v1.1 "Personal data": masked for experts and anyone outside the bureau and the enterprise.
    PERSONAL_FIELDS = {"legal_representative": mask_name, "contact_name": mask_name, "contact_phone": mask_phone}

    organisation = serializers.CharField(source="organisation.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    correction = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "organisation", "status", "status_display", "reference_number", "created_at", "updated_at",
            "submitted_at", "accepted_at", "decided_at", "decision_reason", "correction", *CONTENT_FIELDS,
        ]
        read_only_fields = [
            "id", "status", "reference_number", "created_at", "updated_at", "submitted_at", "accepted_at",
            "decided_at", "decision_reason",
        ]

    def personal_data_owner(self, application) -> int | None:
        return application.organisation_id

    def get_correction(self, application) -> dict | None:
        """The open 补正 request (what to fix and by when), if any."""
        open_ones = [c for c in application.corrections.all() if c.resolved_at is None]
        return CorrectionSerializer(open_ones[0]).data if open_ones else None

    def validate_export_targets(self, value):
        # Stored with the value as a decimal string (api.md: money is a decimal string).
        if isinstance(value, list):
            return [
                {**item, "value": str(Decimal(str(item["value"])))}
                if isinstance(item, dict) and _is_number(item.get("value")) else item
                for item in value
            ]
        return value


class ApplicationDetailSerializer(ApplicationSerializer):
    """GET /api/v1/applications/{id}/ (and the answers of its actions): the application with its
    `actions` (api.md v1.1: exactly what the requesting user may take now, from the declaration)."""

    actions = ActionsField(APPLICATION_KIND)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "actions"]


def _is_number(value) -> bool:
    try:
        return Decimal(str(value)).is_finite()
    except Exception:  # noqa: BLE001 - the model validator names the problem
        return False


class AdmissionCheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    article = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True)
    message = serializers.CharField()
    note = serializers.CharField()


class ApplicationEligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    checks = AdmissionCheckSerializer(many=True)


class ReturnSerializer(serializers.Serializer):
    items = serializers.ListField(child=serializers.CharField(max_length=500), min_length=1)
    deadline = BoundedDateField()


class FindingSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=JudgementCriterion.choices)
    passed = serializers.BooleanField()
    evidence = serializers.CharField(max_length=4000)


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)

    class Meta:
        model = ApplicationAttachment
        fields = ["id", "kind", "file", "original_name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]
