"""The draw of 双随机、一公开 (国办发〔2015〕58号 “随机抽取检查对象，随机选派执法检查人员”): seed → result, a pure
function anyone can redo from what the public plan page shows (the seed, the two lists, the weights and
the excluded pairs). The algorithm, as the public page states it:

1. Enterprises. For each enterprise on the list, h = SHA-256 of the UTF-8 text "<seed>:enterprise:<USCC>",
   read as a 256-bit integer, and u = (h + 1) / 2^256 (so 0 < u ≤ 1). Its key is u^(1/w), w its weight
   (weighted sampling without replacement, Efraimidis–Spirakis 2006). The `sample_size` enterprises with
   the largest keys are drawn, largest first. Keys are compared exactly: u_a^(1/w_a) > u_b^(1/w_b) ⇔
   (h_a+1)^(w_b) · 2^(256·w_a) > (h_b+1)^(w_a) · 2^(256·w_b); ties (never seen) go to the smaller USCC.
2. Inspectors. For each drawn enterprise in that order, the inspectors not excluded for it (a declared
   conflict, or the last inspection of that enterprise) are ordered by (visits already given to them in
   this draw, SHA-256 of "<seed>:inspector:<USCC>:<执法证号>" as an integer, 执法证号), and the first
   `per_visit` are sent.
"""

import hashlib
from dataclasses import dataclass
from functools import cmp_to_key

BITS = 256


@dataclass(frozen=True)
class DrawResult:
    enterprises: tuple[str, ...]  # USCCs, in draw order
    inspectors: dict  # USCC -> tuple of 执法证号, in order


class NotEnoughInspectors(Exception):
    def __init__(self, uscc: str):
        super().__init__(uscc)
        self.uscc = uscc


def digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def enterprise_hash(seed: str, uscc: str) -> int:
    return digest(f"{seed}:enterprise:{uscc}")


def inspector_hash(seed: str, uscc: str, badge: str) -> int:
    return digest(f"{seed}:inspector:{uscc}:{badge}")


def _compare(a: tuple[str, int, int], b: tuple[str, int, int]) -> int:
    """-1 when a's key u^(1/w) is larger (a comes first), exactly in integers."""
    uscc_a, h_a, w_a = a
    uscc_b, h_b, w_b = b
    left = (h_a + 1) ** w_b << (BITS * w_a)
    right = (h_b + 1) ** w_a << (BITS * w_b)
    if left != right:
        return -1 if left > right else 1
    return -1 if uscc_a < uscc_b else (1 if uscc_a > uscc_b else 0)


def draw_enterprises(seed: str, weights: dict[str, int], sample_size: int) -> tuple[str, ...]:
    """weights: USCC -> weight (≥ 1). The drawn USCCs, first drawn first."""
    keyed = [(uscc, enterprise_hash(seed, uscc), int(w)) for uscc, w in weights.items()]
    keyed.sort(key=cmp_to_key(_compare))
    return tuple(uscc for uscc, _h, _w in keyed[:sample_size])


def draw_inspectors(seed: str, drawn: tuple[str, ...], badges: list[str], excluded: set[tuple[str, str]],
                    per_visit: int) -> dict[str, tuple[str, ...]]:
    """excluded: (USCC, 执法证号) pairs never drawn. Raises NotEnoughInspectors naming the enterprise."""
    load = {badge: 0 for badge in badges}
    result = {}
    for uscc in drawn:
        eligible = [b for b in badges if (uscc, b) not in excluded]
        if len(eligible) < per_visit:
            raise NotEnoughInspectors(uscc)
        eligible.sort(key=lambda b: (load[b], inspector_hash(seed, uscc, b), b))
        chosen = tuple(eligible[:per_visit])
        for badge in chosen:
            load[badge] += 1
        result[uscc] = chosen
    return result


def run_draw(seed: str, weights: dict[str, int], badges: list[str], excluded: set[tuple[str, str]],
             sample_size: int, per_visit: int) -> DrawResult:
    drawn = draw_enterprises(seed, weights, sample_size)
    return DrawResult(drawn, draw_inspectors(seed, drawn, sorted(badges), excluded, per_visit))
