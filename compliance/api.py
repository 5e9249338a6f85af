"""api.md "Compliance": obligations and violations lists (paginated, filtered by what you may see), and the
case details of rectification orders, revocation cases and exits with their declared `actions` (api.md v1.1)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from portal.api_support import ActionsField, role_permission
from portal.roles import BUREAU_ROLES, Role

from . import rules, selectors
from .models import (
    ExitApplication,
    Obligation,
    ObligationStatus,
    RectificationOrder,
    RevocationCase,
    RuleCode,
    Violation,
)

READERS = role_permission(*BUREAU_ROLES, Role.ENTERPRISE_USER)


class ObligationSerializer(serializers.ModelSerializer):
    article = serializers.SerializerMethodField()
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    vin = serializers.CharField(source="vehicle.vin", default=None)

    class Meta:
        model = Obligation
        fields = ["id", "rule", "article", "enterprise", "enterprise_name", "vin", "period_start", "due_on", "status",
                  "met_on", "overdue_since"]

    def get_article(self, obligation) -> str:
        return rules.rule_article(obligation.rule)


class ViolationSerializer(serializers.ModelSerializer):
    obligation = serializers.IntegerField(source="obligation_id")
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    vin = serializers.CharField(source="vehicle.vin", default=None)
    revocation_case = serializers.IntegerField(source="revocation_case_id", allow_null=True)

    class Meta:
        model = Violation
        fields = ["id", "obligation", "rule", "enterprise", "enterprise_name", "vin", "overdue_since", "revocation_case"]


FILTERS = [
    OpenApiParameter("enterprise", str, description="enterprise id or USCC"),
    OpenApiParameter("rule", str, enum=RuleCode.values),
]


def _filter(request, queryset, *, with_status: bool):
    """enterprise= (id or USCC; an enterprise you may not see is a 404), rule=, status= (400 when unknown)."""
    params = request.query_params
    enterprise = params.get("enterprise", "").strip()
    if enterprise:
        visible = selectors.enterprises_visible_to(request.user)
        lookup = {"pk": int(enterprise)} if enterprise.isdigit() else {"uscc": enterprise.upper()}
        org = visible.filter(**lookup).first()
        if org is None:
            raise Http404
        queryset = queryset.filter(enterprise=org)
    rule = params.get("rule", "").strip()
    if rule:
        if rule not in RuleCode.values:
            raise ValidationError({"rule": [_("未知的规则代码。")]})
        queryset = queryset.filter(rule=rule)
    status = params.get("status", "").strip() if with_status else ""
    if status:
        if status not in ObligationStatus.values:
            raise ValidationError({"status": [_("状态须为 open、met 或 overdue。")]})
        queryset = queryset.filter(status=status)
    return queryset


class ObligationList(generics.ListAPIView):
    """GET /api/v1/compliance/obligations/?enterprise=&rule=&status="""

    serializer_class = ObligationSerializer
    permission_classes = [READERS]

    @extend_schema(parameters=[*FILTERS, OpenApiParameter("status", str, enum=ObligationStatus.values)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = selectors.obligations_visible_to(self.request.user).order_by("due_on", "id")
        return _filter(self.request, qs, with_status=True)


class ObligationDetail(generics.RetrieveAPIView):
    serializer_class = ObligationSerializer
    permission_classes = [READERS]

    def get_queryset(self):
        return selectors.obligations_visible_to(self.request.user)


class ViolationList(generics.ListAPIView):
    """GET /api/v1/compliance/violations/?enterprise=&rule="""

    serializer_class = ViolationSerializer
    permission_classes = [READERS]

    @extend_schema(parameters=FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = selectors.violations_visible_to(self.request.user).order_by("-overdue_since", "-id")
        return _filter(self.request, qs, with_status=False)


class ViolationDetail(generics.RetrieveAPIView):
    serializer_class = ViolationSerializer
    permission_classes = [READERS]

    def get_queryset(self):
        return selectors.violations_visible_to(self.request.user)



# --- case details with their declared actions (api.md v1.1 "Actions"; compliance.workflow) -----------
# Read-only: the actions themselves are taken on the pages, and a countersigned decision only through
# case work (prepare → authorise); `actions` says which of them the requesting user may take now.


class RectificationSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    article = serializers.SerializerMethodField()
    actions = ActionsField("rectification")

    class Meta:
        model = RectificationOrder
        fields = ["id", "enterprise", "enterprise_name", "article", "reasons", "deadline", "status", "ordered_on",
                  "answered_on", "actions"]

    def get_article(self, order) -> str:
        return rules.rule_article(RuleCode.RECTIFICATION)


class RevocationCaseSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    article = serializers.SerializerMethodField()
    actions = ActionsField("revocation")

    class Meta:
        model = RevocationCase
        fields = ["id", "enterprise", "enterprise_name", "ground", "article", "reason", "status", "opened_on",
                  "answer_due_on", "answered_on", "decided_on", "decision_number", "published_on", "actions"]

    def get_article(self, case) -> str:
        return rules.GROUND_ARTICLES[case.ground]


class ExitApplicationSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    actions = ActionsField("exit")

    class Meta:
        model = ExitApplication
        fields = ["id", "enterprise", "enterprise_name", "reason", "aftersales_arrangements", "status",
                  "submitted_on", "decided_on", "actions"]


class RectificationDetail(generics.RetrieveAPIView):
    """GET /api/v1/compliance/rectifications/{id}/ (办法第十二条第6项)"""

    serializer_class = RectificationSerializer
    permission_classes = [READERS]

    def get_queryset(self):
        return selectors.rectification_orders_visible_to(self.request.user)


class RevocationCaseDetail(generics.RetrieveAPIView):
    """GET /api/v1/compliance/cases/{id}/ (办法第十二条)"""

    serializer_class = RevocationCaseSerializer
    permission_classes = [READERS]

    def get_queryset(self):
        return selectors.cases_visible_to(self.request.user)


class ExitApplicationDetail(generics.RetrieveAPIView):
    """GET /api/v1/compliance/exits/{id}/ (办法第十三条)"""

    serializer_class = ExitApplicationSerializer
    permission_classes = [READERS]

    def get_queryset(self):
        return selectors.exit_applications_visible_to(self.request.user)
