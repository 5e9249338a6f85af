"""The event log as one RFC 6962 / RFC 9162 §2.1 Merkle tree (Certificate Transparency), in plain Python.

No Django here: `python -m traceability.verify_dossier` checks a dossier with this module alone, with no
database and no network. Hashes are 32-byte `bytes`; leaves are the events' `hash` (32 bytes each).

- leaf hash  = SHA-256(0x00 ‖ leaf),  node hash = SHA-256(0x01 ‖ left ‖ right)  (RFC 9162 §2.1.1)
- MTH(D[n]) splits at k, the largest power of two smaller than n
- inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), with the verification algorithms of
  §2.1.3.2 and §2.1.4.2.

`Tree` computes proofs over a log it does not hold in memory: it asks `leaves(lo, hi)` for the leaves of a
range and `block(i)` for the hash of a stored complete block of BLOCK_SIZE leaves (an aligned perfect
subtree), so a proof in a tree of 10 M leaves reads one block of leaves and the block hashes, not 10 M rows.
"""

import hashlib
from collections.abc import Callable, Iterable

EMPTY_ROOT = hashlib.sha256(b"").digest()
BLOCK_SIZE = 256  # leaves per stored block; a power of two (changing it means recomputing every block)


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


class Compact:
    """The perfect subtrees of a growing log (a "compact range", as Trillian keeps it): append leaf hashes
    one by one, read the root at any size in O(log n). Set-based publication and the nightly check feed it a
    stream of leaves and never hold the whole level in memory."""

    __slots__ = ("size", "stack")

    def __init__(self):
        self.size = 0
        self.stack: list[tuple[int, bytes]] = []  # (height, hash), heights strictly decreasing

    def push(self, hashed: bytes, height: int = 0) -> None:
        """Append a perfect subtree of 2**height hashed leaves (height 0: one leaf hash)."""
        if self.size % (1 << height):
            raise ValueError("a subtree of 2**height leaves must start at a multiple of its size")
        self.size += 1 << height
        stack = self.stack
        while stack and stack[-1][0] == height:
            hashed = node_hash(stack.pop()[1], hashed)
            height += 1
        stack.append((height, hashed))

    def push_leaves(self, leaves: Iterable[bytes]) -> None:
        sha, stack = hashlib.sha256, self.stack
        count = 0
        for leaf in leaves:
            hashed, height = sha(b"\x00" + leaf).digest(), 0
            while stack and stack[-1][0] == height:
                hashed = sha(b"\x01" + stack.pop()[1] + hashed).digest()
                height += 1
            stack.append((height, hashed))
            count += 1
        self.size += count

    def root(self) -> bytes:
        if not self.stack:
            return EMPTY_ROOT
        hashed = self.stack[-1][1]
        for _height, left in reversed(self.stack[:-1]):
            hashed = node_hash(left, hashed)
        return hashed


def root_of(leaves: Iterable[bytes]) -> bytes:
    compact = Compact()
    compact.push_leaves(leaves)
    return compact.root()


class Tree:
    """Subtree hashes and proofs over the first `size` leaves of a log read through two callbacks:
    `leaves(lo, hi)` → the leaves lo..hi-1, `block(i)` → the hash of complete block i (leaves
    i*BLOCK_SIZE..(i+1)*BLOCK_SIZE-1), or None when it is not stored."""

    def __init__(self, size: int, leaves: Callable[[int, int], list[bytes]],
                 block: Callable[[int], bytes | None] = lambda i: None):
        self.size, self._leaves, self._block = size, leaves, block
        self._leaf_cache: dict[int, bytes] = {}

    def _leaf(self, index: int) -> bytes:
        if index not in self._leaf_cache:
            lo = index - index % BLOCK_SIZE
            hi = min(lo + BLOCK_SIZE, self.size)
            for offset, leaf in enumerate(self._leaves(lo, hi)):
                self._leaf_cache[lo + offset] = leaf_hash(leaf)
        return self._leaf_cache[index]

    def mth(self, lo: int, hi: int) -> bytes:
        """MTH(D[lo:hi]) (RFC 9162 §2.1.1)."""
        n = hi - lo
        if n == 0:
            return EMPTY_ROOT
        if n == 1:
            return self._leaf(lo)
        if n == BLOCK_SIZE and lo % BLOCK_SIZE == 0:
            stored = self._block(lo // BLOCK_SIZE)
            if stored is not None:
                return stored
        k = split(n)
        return node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))

    def root(self) -> bytes:
        return self.mth(0, self.size)

    def inclusion_proof(self, index: int) -> list[bytes]:
        """PATH(m, D[n]) (RFC 9162 §2.1.3.1), leaf to root."""
        if not 0 <= index < self.size:
            raise ValueError("leaf index outside the tree")
        return self._path(index, 0, self.size)

    def _path(self, m: int, lo: int, hi: int) -> list[bytes]:
        n = hi - lo
        if n == 1:
            return []
        k = split(n)
        if m < k:
            return self._path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self._path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]

    def consistency_proof(self, first: int) -> list[bytes]:
        """PROOF(m, D[n]) (RFC 9162 §2.1.4.1) between the tree of size `first` and this one."""
        if not 0 <= first <= self.size:
            raise ValueError("first tree larger than the second")
        if first in (0, self.size):
            return []
        return self._subproof(first, 0, self.size, True)

    def _subproof(self, m: int, lo: int, hi: int, complete: bool) -> list[bytes]:
        n = hi - lo
        if m == n:
            return [] if complete else [self.mth(lo, hi)]
        k = split(n)
        if m <= k:
            return self._subproof(m, lo, lo + k, complete) + [self.mth(lo + k, hi)]
        return self._subproof(m - k, lo + k, hi, False) + [self.mth(lo, lo + k)]


# --- Verification (RFC 9162 §2.1.3.2 and §2.1.4.2): what an outsider runs -----------------------------
def root_from_inclusion_proof(index: int, size: int, leaf: bytes, path: list[bytes]) -> bytes | None:
    """The root an inclusion proof leads to, or None when the proof cannot be one for (index, size)."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf_hash(leaf)
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, path: list[bytes], root: bytes) -> bool:
    return root_from_inclusion_proof(index, size, leaf, path) == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: list[bytes]) -> bool:
    if first > second or first < 0:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # a power of two: the first root is the proof's first node
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root
