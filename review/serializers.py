"""What the review API reads and answers (api.md "Intake and review")."""

from rest_framework import serializers

from portal.api_support import ActionsField, BoundedDateField

from .models import (
    ConflictDeclaration,
    Entry,
    Objection,
    PanelMember,
    Publicity,
    ReviewRound,
    ScoreSheet,
    Stage,
)
from .rules import StageKind


class RoundCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    criteria = serializers.DictField(child=serializers.JSONField(), required=False)
    quorum = serializers.IntegerField(required=False, min_value=1, max_value=50)


class EntrySerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    reference_number = serializers.CharField(source="application.reference_number")
    company_name = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = ["id", "application", "reference_number", "company_name", "site_visit_required", "submitted_sheets",
                  "final_score", "rank", "proposed", "approved"]

    def get_company_name(self, entry) -> str:
        return entry.application.company_name or entry.application.organisation.name


class MemberSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    organisation = serializers.CharField(source="user.organisation.name", default=None)

    class Meta:
        model = PanelMember
        fields = ["id", "username", "name", "organisation"]


class RoundSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)  # a RoundStatus code

    class Meta:
        model = ReviewRound
        fields = ["id", "name", "criteria", "quorum", "status", "comment_share", "outlier_margin",
                  "scoring_closed_on", "designated_on"]


class RoundDetailSerializer(RoundSerializer):
    applications = EntrySerializer(source="entries", many=True)
    members = MemberSerializer(many=True)
    actions = ActionsField("review_round")  # api.md v1.1 "Actions", from review.workflow.ROUND

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "applications", "members", "actions"]


class AddApplicationSerializer(serializers.Serializer):
    application = serializers.IntegerField()


class AddMemberSerializer(serializers.Serializer):
    username = serializers.CharField()


class StageSerializer(serializers.ModelSerializer):
    stage = serializers.ChoiceField(choices=StageKind.choices)
    application = serializers.IntegerField(source="entry.application_id", read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)

    class Meta:
        model = Stage
        fields = ["id", "application", "stage", "held_on", "place", "attendees", "outcome", "recorded_by",
                  "recorded_at"]
        read_only_fields = ["id", "recorded_at"]


class SiteVisitDecisionSerializer(serializers.Serializer):
    required = serializers.BooleanField()


class ConflictDeclarationSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="entry.application_id", read_only=True)
    member = serializers.CharField(source="member.username", read_only=True)

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "application", "member", "conflict", "statement", "declared_at"]
        read_only_fields = ["id", "declared_at"]


class MyScoreSerializer(serializers.Serializer):
    criteria = serializers.DictField(child=serializers.JSONField())
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=False)


class SheetSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.username")
    criteria = serializers.JSONField(source="points")
    status = serializers.CharField(read_only=True)  # a SheetStatus code

    class Meta:
        model = ScoreSheet
        fields = ["member", "criteria", "total", "comment", "status", "submitted_at"]


class ProposePublicitySerializer(serializers.Serializer):
    applications = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    starts_on = BoundedDateField()
    working_days = serializers.IntegerField(required=False, min_value=1, max_value=60)
    title = serializers.CharField(required=False, allow_blank=True, default="")


class PublicitySerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round_id")
    status = serializers.CharField(read_only=True)  # a PublicityStatus code
    enterprises = serializers.SerializerMethodField()

    class Meta:
        model = Publicity
        fields = ["id", "round", "title", "status", "starts_on", "working_days", "ends_on", "provisional",
                  "enterprises"]

    def get_enterprises(self, publicity) -> list[dict]:
        listed = getattr(publicity.round, "listed", None)
        if listed is None:
            listed = publicity.round.entries.filter(proposed=True).select_related("application__organisation")
        return [{"entry": e.pk, "name": e.application.organisation.name, "final_score": str(e.final_score)}
                for e in listed]


class ObjectionCreateSerializer(serializers.Serializer):
    content = serializers.CharField()
    entry = serializers.IntegerField(required=False, allow_null=True)
    contact_name = serializers.CharField(max_length=100)
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")


class ObjectionSerializer(serializers.ModelSerializer):
    """For the bureau: with the contact details (never shown publicly)."""

    class Meta:
        model = Objection
        fields = ["id", "number", "entry", "content", "contact_name", "contact_phone", "contact_email", "lodged_on",
                  "answer", "answered_on"]


class ObjectionAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class PilotEnterpriseSerializer(serializers.Serializer):
    name = serializers.CharField()
    uscc = serializers.CharField()
    designated_on = BoundedDateField()
