"""The review endpoints of api.md ("Intake and review"), thin: parse, call a service, answer."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.models import Application
from portal.api_support import role_permission
from portal.audit import record_read
from portal.models import User
from portal.roles import BUREAU_ROLES, Role
from portal.selectors import get_visible_or_404

from . import selectors, services
from .models import Entry, Objection, Publicity, PublicityStatus
from .serializers import (
    AddApplicationSerializer,
    AddMemberSerializer,
    ConflictDeclarationSerializer,
    EntrySerializer,
    MemberSerializer,
    MyScoreSerializer,
    ObjectionAnswerSerializer,
    ObjectionCreateSerializer,
    ObjectionSerializer,
    PilotEnterpriseSerializer,
    ProposePublicitySerializer,
    PublicitySerializer,
    RoundCreateSerializer,
    RoundDetailSerializer,
    RoundSerializer,
    SheetSerializer,
    SiteVisitDecisionSerializer,
    StageSerializer,
)

BureauOnly = role_permission(*BUREAU_ROLES)
HeadOnly = role_permission(Role.BUREAU_HEAD)
ReviewRoles = role_permission(*BUREAU_ROLES, Role.EXPERT)


def today() -> date:
    return timezone.localdate()


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _round_for(request, pk):
    return get_visible_or_404(selectors.rounds_visible_to(request.user), pk=pk)


def _entry_for(request, application_id) -> Entry:
    # application__pk, not application_id: Django's guard for out-of-range integers covers the
    # former only, and an id beyond 64 bits was a 500 (found by Schemathesis).
    return get_visible_or_404(selectors.entries_visible_to(request.user), application__pk=application_id)


class RoundListView(generics.ListAPIView):
    """GET: the rounds the user may see; POST (bureau): open a round."""

    permission_classes = [ReviewRoles]
    serializer_class = RoundSerializer

    def get_queryset(self):
        return selectors.search_rounds(selectors.rounds_visible_to(self.request.user),
                                       query=self.request.query_params.get("q", ""),
                                       status=self.request.query_params.get("status", ""))

    @extend_schema(request=RoundCreateSerializer, responses={201: RoundSerializer})
    def post(self, request):
        if not BureauOnly().has_permission(request, self):
            raise PermissionDenied
        data = _valid(RoundCreateSerializer, request)
        review_round = services.create_round(actor=request.user, today=today(), **data)
        return Response(RoundSerializer(review_round).data, status=status.HTTP_201_CREATED)


class RoundDetailView(APIView):
    permission_classes = [ReviewRoles]

    @extend_schema(responses=RoundDetailSerializer)
    def get(self, request, pk):
        review_round = _round_for(request, pk)
        return Response(RoundDetailSerializer(review_round, context={"request": request}).data)


class RoundApplicationsView(APIView):
    permission_classes = [BureauOnly]

    @extend_schema(request=AddApplicationSerializer, responses={201: EntrySerializer})
    def post(self, request, pk):
        review_round = _round_for(request, pk)
        data = _valid(AddApplicationSerializer, request)
        application = get_visible_or_404(Application.objects.select_related("organisation"),
                                         pk=data["application"])
        entry = services.add_application(review_round, application, actor=request.user, today=today())
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class RoundMembersView(APIView):
    permission_classes = [BureauOnly]

    @extend_schema(request=AddMemberSerializer, responses={201: MemberSerializer})
    def post(self, request, pk):
        review_round = _round_for(request, pk)
        data = _valid(AddMemberSerializer, request)
        user = User.objects.filter(username=data["username"], is_active=True).first()
        if user is None:
            raise serializers.ValidationError({"username": [_("未找到该用户。")]})
        member = services.add_member(review_round, user, actor=request.user, today=today())
        return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)


class CloseScoringView(APIView):
    permission_classes = [BureauOnly]

    @extend_schema(request=None, responses=RoundDetailSerializer)
    def post(self, request, pk):
        review_round = services.close_scoring(_round_for(request, pk), actor=request.user, today=today())
        return Response(RoundDetailSerializer(review_round, context={"request": request}).data)


class ProposePublicityView(APIView):
    permission_classes = [BureauOnly]

    @extend_schema(request=ProposePublicitySerializer, responses={201: PublicitySerializer})
    def post(self, request, pk):
        review_round = _round_for(request, pk)
        data = _valid(ProposePublicitySerializer, request)
        entry_ids = review_round.entries.filter(application_id__in=data["applications"]).values_list("pk", flat=True)
        publicity = services.propose_publicity(
            review_round, entry_ids=entry_ids, starts_on=data["starts_on"], working_days=data.get("working_days"),
            title=data["title"], actor=request.user, today=today())
        return Response(PublicitySerializer(publicity).data, status=status.HTTP_201_CREATED)


class ApprovePublicityView(APIView):
    permission_classes = [HeadOnly]

    @extend_schema(request=None, responses=PublicitySerializer)
    def post(self, request, pk):
        publicity = services.approve_publicity(_round_for(request, pk), actor=request.user, today=today())
        return Response(PublicitySerializer(publicity).data)


class DesignateView(APIView):
    permission_classes = [HeadOnly]

    @extend_schema(request=None, responses=RoundDetailSerializer)
    def post(self, request, pk):
        review_round = services.designate(_round_for(request, pk), actor=request.user, today=today())
        return Response(RoundDetailSerializer(review_round, context={"request": request}).data)


class StagesView(APIView):
    """POST /api/v1/applications/{id}/stages/ (bureau): a stage of 第五条; GET: the stages on record."""

    permission_classes = [BureauOnly]

    @extend_schema(responses=StageSerializer(many=True))
    def get(self, request, pk):
        entry = _entry_for(request, pk)
        return Response(StageSerializer(entry.stages.select_related("recorded_by", "entry"), many=True).data)

    @extend_schema(request=StageSerializer, responses={201: StageSerializer})
    def post(self, request, pk):
        entry = _entry_for(request, pk)
        serializer = StageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stage = services.record_stage(entry, actor=request.user, today=today(), **serializer.validated_data)
        return Response(StageSerializer(stage).data, status=status.HTTP_201_CREATED)


class SiteVisitDecisionView(APIView):
    """POST /api/v1/applications/{id}/site-visit-decision/ (bureau) {"required": bool}: 第五条第3项."""

    permission_classes = [BureauOnly]

    @extend_schema(request=SiteVisitDecisionSerializer, responses=EntrySerializer)
    def post(self, request, pk):
        data = _valid(SiteVisitDecisionSerializer, request)
        entry = services.decide_site_visit(_entry_for(request, pk), required=data["required"], actor=request.user,
                                           today=today())
        return Response(EntrySerializer(entry).data)


class ConflictDeclarationView(APIView):
    permission_classes = [role_permission(Role.EXPERT)]

    @extend_schema(request=ConflictDeclarationSerializer, responses={201: ConflictDeclarationSerializer})
    def post(self, request, pk):
        entry = _entry_for(request, pk)
        serializer = ConflictDeclarationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        declaration = services.declare_conflict(entry, actor=request.user, today=today(), **serializer.validated_data)
        return Response(ConflictDeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)


class MyScoreView(APIView):
    """PUT /api/v1/applications/{id}/my-score/: the member's sheet (draft, or `submit`); GET: read it."""

    permission_classes = [ReviewRoles]

    @extend_schema(responses=SheetSerializer)
    def get(self, request, pk):
        entry = _entry_for(request, pk)
        services.check_may_score(entry, request.user)
        sheet = entry.sheets.select_related("member").filter(member=request.user).first()
        if sheet is None:
            return Response({"member": request.user.username, "criteria": {}, "total": None, "comment": "",
                             "status": None, "submitted_at": None})
        return Response(SheetSerializer(sheet).data)

    @extend_schema(request=MyScoreSerializer, responses=SheetSerializer)
    def put(self, request, pk):
        entry = _entry_for(request, pk)
        services.check_may_score(entry, request.user)  # who may score before what was sent: 403, not 400
        data = _valid(MyScoreSerializer, request)
        sheet = services.save_sheet(entry, points=data["criteria"], comment=data["comment"], submit=data["submit"],
                                    actor=request.user, today=today())
        return Response(SheetSerializer(sheet).data)


class ScoresView(APIView):
    """GET /api/v1/applications/{id}/scores/: blind until the round's scoring is closed."""

    permission_classes = [ReviewRoles]

    @extend_schema(responses=inline_serializer("ScoreSummary", {
        "final_score": serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True),
        "submitted_sheets": serializers.IntegerField(),
        "per_criterion": serializers.DictField(allow_null=True),
        "spread": serializers.DictField(allow_null=True),
        "sheets": SheetSerializer(many=True),
    }))
    def get(self, request, pk):
        entry = _entry_for(request, pk)
        if request.user.has_role(Role.EXPERT) and not request.user.has_role(*BUREAU_ROLES):
            services.check_may_score(entry, request.user)
        record_read(request.user, entry.application)
        summary = selectors.score_summary(entry, request.user)
        summary["sheets"] = SheetSerializer(selectors.visible_sheets(entry, request.user), many=True).data
        return Response(summary)


class AnswerObjectionView(APIView):
    permission_classes = [BureauOnly]

    @extend_schema(request=ObjectionAnswerSerializer, responses=ObjectionSerializer)
    def post(self, request, pk):
        objection = get_visible_or_404(Objection.objects.select_related("publicity__round"), pk=pk)
        data = _valid(ObjectionAnswerSerializer, request)
        objection = services.answer_objection(objection, answer=data["answer"], actor=request.user, today=today())
        return Response(ObjectionSerializer(objection).data)


class ObjectionListView(generics.ListAPIView):
    """GET (bureau): the objections to a round's 公示, with contact details."""

    permission_classes = [BureauOnly]
    serializer_class = ObjectionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Objection.objects.none()
        review_round = _round_for(self.request, self.kwargs["pk"])
        return Objection.objects.filter(publicity__round=review_round).order_by("lodged_on", "id")


class PublicPublicityListView(generics.ListAPIView):
    """GET /api/v1/public/publicity/ (no login): published 公示 with the listed enterprises."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = PublicitySerializer

    def get_queryset(self):
        return selectors.published_publicities()


class PublicObjectionView(APIView):
    """POST /api/v1/public/publicity/{id}/objections/ (no login): answers 201 with the `number`."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=ObjectionCreateSerializer,
                   responses={201: inline_serializer("ObjectionNumber", {"number": serializers.CharField()})},
                   auth=[])
    def post(self, request, pk):
        publicity = get_visible_or_404(Publicity.objects.filter(status=PublicityStatus.PUBLISHED), pk=pk)
        data = _valid(ObjectionCreateSerializer, request)
        entry = None
        if data.get("entry"):
            entry = publicity.round.entries.filter(pk=data["entry"], proposed=True).first()
            if entry is None:
                raise serializers.ValidationError({"entry": [_("不在公示名单中。")]})
        objection = services.lodge_objection(
            publicity, entry=entry, content=data["content"], contact_name=data["contact_name"],
            contact_phone=data["contact_phone"], contact_email=data["contact_email"], today=today())
        return Response({"number": objection.number, "lodged_on": objection.lodged_on},
                        status=status.HTTP_201_CREATED)


class PublicPilotListView(generics.ListAPIView):
    """GET /api/v1/public/pilot-enterprises/ (no login): the list of pilot enterprises."""

    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = PilotEnterpriseSerializer

    def get_queryset(self):
        return selectors.pilot_enterprises()
