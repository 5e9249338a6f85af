"""api.md extension: clocks that explain themselves, the work queue and discrepancies."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response

from portal.selectors import get_visible_or_404

from . import selectors


class ClockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()
    article = serializers.CharField()
    status = serializers.CharField()
    started_on = serializers.DateField()
    due_on = serializers.DateField()


class ClockList(generics.ListAPIView):
    """GET /api/v1/clocks/: the deadlines the user may see, earliest first."""

    serializer_class = ClockSerializer

    def get_queryset(self):
        qs = selectors.clocks_visible_to(self.request.user)
        if status := self.request.query_params.get("status"):
            qs = qs.filter(status=status)
        return qs.order_by("due_on", "id")


class ClockDetail(generics.GenericAPIView):
    """GET /api/v1/clocks/{id}/: the due date, and how it was counted."""

    @extend_schema(responses=inline_serializer("ClockExplanation", {
        "id": serializers.IntegerField(), "kind": serializers.CharField(), "article": serializers.CharField(),
        "start": serializers.DateField(), "due_on": serializers.DateField(), "pauses": serializers.ListField(),
        "skipped": serializers.ListField(), "adjusted_working_days": serializers.ListField(),
        "explanation": serializers.CharField(),
    }))
    def get(self, request, pk: int):
        clock = get_visible_or_404(selectors.clocks_visible_to(request.user).prefetch_related("pauses"), pk=pk)
        return Response(selectors.explain_clock(clock))
