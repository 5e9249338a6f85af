"""api.md v1.1 "Public verification and the event log": tree heads, proofs and the published keys.
Thin views over eventlog and signatures; the limit and the language come with api.PublicView."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.api_support import Pagination

from . import eventlog, signatures
from .api import PublicView, SignatureSerializer
from .models import TraceEvent, TreeHead


class TreeHeadSerializer(serializers.Serializer):
    tree_size = serializers.IntegerField()
    root_hash = serializers.CharField(help_text="hex")
    published_at = serializers.DateTimeField()
    signature = SignatureSerializer()


class TreeHeadPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = TreeHeadSerializer(many=True)


class InclusionProofSerializer(serializers.Serializer):
    leaf_index = serializers.IntegerField(help_text="0-based")
    tree_size = serializers.IntegerField()
    leaf = serializers.CharField(help_text="the event's hash, hex")
    audit_path = serializers.ListField(child=serializers.CharField())
    signature = SignatureSerializer()


class ConsistencyProofSerializer(serializers.Serializer):
    first = serializers.IntegerField()
    second = serializers.IntegerField()
    proof = serializers.ListField(child=serializers.CharField())
    signature = SignatureSerializer()


class KeySerializer(serializers.Serializer):
    key_id = serializers.CharField()
    alg = serializers.CharField()
    public_key = serializers.CharField(help_text="base64url, raw 32 bytes")
    valid_from = serializers.DateTimeField()


class KeysSerializer(serializers.Serializer):
    keys = KeySerializer(many=True)


def _size(request, name: str) -> int:
    try:
        value = int(request.GET[name])
    except (KeyError, ValueError):
        raise ValidationError({name: ["a published head's tree size (an integer)"]}) from None
    if value < 0:
        raise ValidationError({name: ["a published head's tree size (an integer)"]})
    return value


def _head(size: int) -> TreeHead:
    head = eventlog.published_head(size)
    if head is None:
        raise Http404
    return head


class LatestTreeHead(PublicView):
    @extend_schema(auth=[], responses=TreeHeadSerializer)
    def get(self, request):
        head = TreeHead.objects.order_by("-published_at", "-id").first()
        if head is None:
            raise Http404
        return Response(eventlog.head_answer(head))


class TreeHeadList(PublicView):
    """Newest first, paginated; each head signed on its own (api.md)."""

    @extend_schema(auth=[], responses=TreeHeadPageSerializer,
                   parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)])
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(TreeHead.objects.order_by("-published_at", "-id"), request, view=self)
        return paginator.get_paginated_response([eventlog.head_answer(head) for head in page])


class EventInclusionProof(PublicView):
    @extend_schema(auth=[], responses=InclusionProofSerializer,
                   parameters=[OpenApiParameter("tree_size", int, description="a published head's size "
                                                                              "(default: the latest head)")])
    def get(self, request, vin, seq):
        event = get_object_or_404(TraceEvent.objects.only("id", "hash"), vehicle__vin=vin.upper(), seq=seq)
        if "tree_size" in request.GET:
            head = _head(_size(request, "tree_size"))
        else:
            head = TreeHead.objects.order_by("-published_at", "-id").first()
            if head is None:
                raise Http404
        proof = eventlog.inclusion_proof(event, head)
        if proof is None:
            raise Http404
        return Response(signatures.signed(proof))


class ConsistencyProof(PublicView):
    @extend_schema(auth=[], responses=ConsistencyProofSerializer,
                   parameters=[OpenApiParameter("first", int, required=True),
                               OpenApiParameter("second", int, required=True)])
    def get(self, request):
        first, second = _size(request, "first"), _size(request, "second")
        if first > second:
            raise ValidationError({"first": ["not larger than second"]})
        return Response(signatures.signed(eventlog.consistency_proof(_head(first), _head(second))))


class PublishedKeys(PublicView):
    """Every key that ever signed, with the date it started to (old keys stay published)."""

    @extend_schema(auth=[], responses=KeysSerializer)
    def get(self, request):
        return Response({"keys": signatures.published_keys()})
