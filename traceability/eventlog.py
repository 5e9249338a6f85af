"""The event log (api.md v1.1): every trace event, in ascending id, a leaf of one append-only RFC 6962
Merkle tree; signed tree heads, inclusion and consistency proofs, and the nightly check of the log against
every published head.

Leaf order. Writers append an event holding a shared advisory lock (chain.write_event); publishing takes
it exclusively for one statement, so the head's last event id is a cut no later event can fall below: an
event with a smaller id that commits after the head was published cannot exist, and the log only grows.
"""

import binascii
import io
import itertools
import json
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from psycopg2 import sql

from . import merkle, signatures
from .models import LogBlock, TraceEvent, TreeHead

LOG_LOCK = 0x7472_6565  # pg_advisory lock key: "tree"
PUBLISH_LOCK = 0x7075_626C  # "publ": one publisher at a time (the beat job and the command may meet)
_CHUNK_IDS = 500_000  # event ids per COPY while streaming the log


def hold_append_lock(cursor) -> None:
    """Taken by every writer of an event before its INSERT, held to the end of its transaction."""
    cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOG_LOCK])


def _cut() -> int:
    """The id of the newest event no writer can still precede."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK])
        cursor.execute(sql.SQL("SELECT coalesce(max(id), 0) FROM {}").format(sql.Identifier(TraceEvent._meta.db_table)))
        return cursor.fetchone()[0]


def stream_leaves(after_id: int, last_id: int):
    """The stored `hash` (32 bytes) of every event after_id < id <= last_id, ascending id, read by COPY in
    chunks of ids (a few MB at a time, no Python object per row but the 32-byte leaf)."""
    table = TraceEvent._meta.db_table
    lo = after_id
    while lo < last_id:
        hi = min(lo + _CHUNK_IDS, last_id)
        buffer = io.BytesIO()
        with connection.cursor() as cursor:
            cursor.copy_expert(sql.SQL(
                "COPY (SELECT hash FROM {} WHERE id > {} AND id <= {} ORDER BY id) TO STDOUT").format(
                    sql.Identifier(table), sql.Literal(int(lo)), sql.Literal(int(hi))), buffer)
        raw = binascii.unhexlify(buffer.getvalue().replace(b"\n", b""))
        yield from (raw[i:i + 32] for i in range(0, len(raw), 32))
        lo = hi


@dataclass
class _Blocks:
    hashes: list[bytes]
    last_ids: list[int]


_cached = _Blocks([], [])  # the stored blocks this process has read: append-only, so only new ones are read
_perfect: dict[tuple[int, int], bytes] = {}  # hashes of aligned perfect subtrees above the blocks: never change


def _blocks(upto_index: int | None = None) -> _Blocks:
    """The stored blocks (all, or those below `upto_index`), read once per process and then only the new
    ones: a proof in a log of 10 M events needs 40,000 block hashes. The cached last block is checked
    against the database first (a restored or rolled-back database starts the cache again)."""
    global _cached
    cache = _cached
    if cache.hashes:
        last = LogBlock.objects.filter(index=len(cache.hashes) - 1).values_list("hash", "last_event_id").first()
        if last is None or (bytes.fromhex(last[0]), last[1]) != (cache.hashes[-1], cache.last_ids[-1]):
            cache = _Blocks([], [])
            _perfect.clear()
    if upto_index is None or upto_index > len(cache.hashes):
        rows = LogBlock.objects.filter(index__gte=len(cache.hashes)).order_by("index")
        hashes, last_ids = list(cache.hashes), list(cache.last_ids)
        for index, digest, last_id in rows.values_list("index", "hash", "last_event_id"):
            if index != len(hashes):
                raise RuntimeError(f"log block {len(hashes)} missing")
            hashes.append(bytes.fromhex(digest))
            last_ids.append(last_id)
        cache = _Blocks(hashes, last_ids)
    _cached = cache
    if upto_index is None or upto_index >= len(cache.hashes):
        return cache
    return _Blocks(cache.hashes[:upto_index], cache.last_ids[:upto_index])


HEIGHT = merkle.BLOCK_SIZE.bit_length() - 1


def publish_tree_head() -> TreeHead:
    """Sign and publish the head over every event recorded so far (`manage.py publish_tree_head`, beat at
    TREE_HEAD_AT). Set-based: the stored blocks' hashes, then only the events after the last complete block,
    streamed by COPY; the new complete blocks are stored for the proofs."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PUBLISH_LOCK])
    try:
        return _publish()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PUBLISH_LOCK])


def _publish() -> TreeHead:
    cut = _cut()
    blocks = _blocks()
    compact = merkle.Compact()
    for digest in blocks.hashes:
        compact.push(digest, HEIGHT)
    after = blocks.last_ids[-1] if blocks.last_ids else 0
    bounds = _block_bounds(after, cut)
    leaves, new_blocks = stream_leaves(after, cut), []
    for first_id, last_id in bounds:
        digest = merkle.root_of(itertools.islice(leaves, merkle.BLOCK_SIZE))
        compact.push(digest, HEIGHT)
        new_blocks.append(LogBlock(index=len(blocks.hashes) + len(new_blocks), first_event_id=first_id,
                                   last_event_id=last_id, hash=digest.hex()))
    compact.push_leaves(leaves)  # the open tail, fewer than BLOCK_SIZE events
    statement = {"tree_size": compact.size, "root_hash": compact.root().hex(), "published_at": signatures.now_text()}
    text = signatures.canonical_json(statement)
    signature = signatures.sign_bytes(text)
    with transaction.atomic():
        LogBlock.objects.bulk_create(new_blocks, batch_size=5_000)
        return TreeHead.objects.create(
            tree_size=statement["tree_size"], root_hash=statement["root_hash"], last_event_id=cut,
            published_at=timezone.now(), statement=text.decode(), key_id=signature["key_id"],
            signature=signature["value"],
        )


def _block_bounds(after: int, last: int) -> list[tuple[int, int]]:
    """(first id, last id) of each complete block of the events after < id <= last, in one set-based query."""
    size = merkle.BLOCK_SIZE
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL(
            "SELECT rn, id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM {}"
            " WHERE id > %s AND id <= %s) s WHERE rn %% %s IN (0, 1) ORDER BY rn").format(
                sql.Identifier(TraceEvent._meta.db_table)), [after, last, size])
        rows = cursor.fetchall()
    firsts = {rn: event_id for rn, event_id in rows if rn % size == 1 % size}
    return [(firsts[rn - size + 1], event_id) for rn, event_id in rows if rn % size == 0]


def head_answer(head: TreeHead) -> dict:
    """api.md: {"tree_size", "root_hash", "published_at", "signature"}, the signature as published."""
    return {**json.loads(head.statement),
            "signature": {"alg": signatures.ALG, "key_id": head.key_id, "value": head.signature}}


# --- Proofs --------------------------------------------------------------------------------------------
class _LogTree(merkle.Tree):
    """merkle.Tree over the stored log at one head: block hashes from LogBlock, leaves from the events."""

    def __init__(self, head: TreeHead):
        full = head.tree_size // merkle.BLOCK_SIZE
        self.blocks = _blocks(full)
        super().__init__(head.tree_size, self._read_leaves,
                         lambda i: self.blocks.hashes[i] if i < len(self.blocks.hashes) else None)

    def mth(self, lo: int, hi: int) -> bytes:
        n = hi - lo
        stored = len(self.blocks.hashes) * merkle.BLOCK_SIZE
        if n > merkle.BLOCK_SIZE and n & (n - 1) == 0 and lo % n == 0 and hi <= stored:
            if (lo, hi) not in _perfect:
                _perfect[lo, hi] = super().mth(lo, hi)
            return _perfect[lo, hi]
        return super().mth(lo, hi)

    def _read_leaves(self, lo: int, hi: int) -> list[bytes]:
        b = lo // merkle.BLOCK_SIZE
        after = self.blocks.last_ids[b - 1] if b else 0
        skip = lo - b * merkle.BLOCK_SIZE
        hashes = list(TraceEvent.objects.filter(id__gt=after).order_by("id")
                      .values_list("hash", flat=True)[skip:skip + (hi - lo)])
        return [bytes.fromhex(h) for h in hashes]


def leaf_index(event: TraceEvent) -> int:
    """The event's 0-based place in the log: its block's start plus the events before it in the block."""
    block = LogBlock.objects.filter(last_event_id__gte=event.pk).order_by("last_event_id").first()
    if block is not None and block.first_event_id <= event.pk:
        start, after = block.index * merkle.BLOCK_SIZE, block.first_event_id - 1
    else:
        last = LogBlock.objects.order_by("-index").first()
        start, after = ((last.index + 1) * merkle.BLOCK_SIZE, last.last_event_id) if last else (0, 0)
    return start + TraceEvent.objects.filter(id__gt=after, id__lt=event.pk).count()


def published_head(tree_size: int) -> TreeHead | None:
    return TreeHead.objects.filter(tree_size=tree_size).order_by("-published_at", "-id").first()


def inclusion_proof(event: TraceEvent, head: TreeHead) -> dict | None:
    """api.md: {"leaf_index", "tree_size", "leaf", "audit_path"}; None when the head does not cover the event."""
    if event.pk > head.last_event_id:
        return None
    index = leaf_index(event)
    if index >= head.tree_size:
        return None
    path = _LogTree(head).inclusion_proof(index)
    return {"leaf_index": index, "tree_size": head.tree_size, "leaf": event.hash,
            "audit_path": [p.hex() for p in path]}


def consistency_proof(first: TreeHead, second: TreeHead) -> dict:
    return {"first": first.tree_size, "second": second.tree_size,
            "proof": [p.hex() for p in _LogTree(second).consistency_proof(first.tree_size)]}


DOSSIER_ATTACHMENT = "event-log-proof.json"


def dossier_proof(vehicle) -> dict:
    """What a dossier PDF carries for `python -m traceability.verify_dossier`: the latest published head and,
    for each event of the vehicle, the fields its hash covers and its inclusion proof against that head
    (null for an event recorded after the head)."""
    from . import selectors

    head = TreeHead.objects.order_by("-published_at", "-id").first()
    tree = _LogTree(head) if head is not None else None
    events = []
    for event in TraceEvent.objects.filter(vehicle=vehicle).order_by("seq"):
        proof = None
        if tree is not None and event.pk <= head.last_event_id:
            index = leaf_index(event)
            if index < head.tree_size:
                proof = {"leaf_index": index, "tree_size": head.tree_size,
                         "audit_path": [p.hex() for p in tree.inclusion_proof(index)]}
        events.append({
            "seq": event.seq, "type": event.type, "occurred_on": event.occurred_on.isoformat(),
            "payload": event.payload, "recorded_at": selectors.timestamp(event.recorded_at),
            "recorded_by": event.recorded_by_username, "prev_hash": event.prev_hash, "hash": event.hash,
            "inclusion": proof,
        })
    return {"format": "taiyuan-portal-dossier-proof/1", "vin": vehicle.vin,
            "head": head_answer(head) if head is not None else None, "events": events}


# --- The nightly check -----------------------------------------------------------------------------------
@dataclass
class LogReport:
    heads: int = 0
    events: int = 0
    mismatched: list[int] = field(default_factory=list)  # tree sizes of heads the log no longer matches
    bad_signatures: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatched and not self.bad_signatures


def check_against_heads() -> LogReport:
    """Recompute the tree from the events as stored, in one pass, and compare it with every published head:
    an event rewritten (and every hash after it recomputed) changes a root, a deleted event shortens the log
    or shifts every leaf after it. Each head's signature is checked against the published keys."""
    heads = list(TreeHead.objects.order_by("tree_size", "id"))
    report = LogReport(heads=len(heads))
    if not heads:
        return report
    keys = {k["key_id"]: k["public_key"] for k in signatures.published_keys()}
    for head in heads:
        if not signatures.verify(head_answer(head), keys):
            report.bad_signatures.append(head.tree_size)
    compact = merkle.Compact()
    leaves = stream_leaves(0, max(h.last_event_id for h in heads))
    for head in heads:
        compact.push_leaves(itertools.islice(leaves, max(0, head.tree_size - compact.size)))
        if compact.size != head.tree_size or compact.root().hex() != head.root_hash:
            report.mismatched.append(head.tree_size)  # a shorter log: events were deleted
    report.events = compact.size
    return report
