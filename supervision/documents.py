"""The two policy documents of the seed, published as pages (issue 8 point 4).

The text was copied from shared/seed into supervision/documents/ so that the app reads nothing
outside the repository. The seed keeps the PDF's line breaks; paragraphs are rebuilt here.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


@dataclass(frozen=True)
class PolicyDocument:
    slug: str
    url_name: str
    title: str
    reference: str
    filename: str


DOCUMENTS = {
    "implementation-plan": PolicyDocument(
        "implementation-plan", "supervision:policy-plan", _("太原市开展二手车出口业务实施方案"), "并商外贸发〔2021〕2 号", "implementation-plan.txt"
    ),
    "management-measures": PolicyDocument(
        "management-measures", "supervision:policy-measures", _("太原市二手车出口企业管理办法（暂行）"), _("实施方案附件"), "management-measures.txt"
    ),
}

# A line starting like this begins a new paragraph (or is a heading on its own).
_HEADING = re.compile(r"^(第[一二三四五六七八九十]+[章条]|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.|附件)")
_STANDALONE = re.compile(r"^(第[一二三四五六七八九十]+章|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|附件)")


def paragraphs(text: str) -> list[tuple[str, str]]:
    """[(kind, text)] with kind "h" for a heading line, "p" for a paragraph."""
    out: list[tuple[str, str]] = []
    current, last_length = "", 0
    for raw in text.splitlines():
        line = raw.replace("\u3000", " ").strip()
        if not line:
            continue
        line = re.sub(r"\s+", " ", line)
        heading = bool(_HEADING.match(line))
        # A PDF line well short of the full width (about 26 characters) ended its paragraph.
        if heading or not current or last_length < 20:
            if current:
                out.append(("p", current))
            current = ""
            if _STANDALONE.match(line) and len(line) <= 24:
                out.append(("h", line))
                last_length = 0
                continue
        current += line
        last_length = len(line)
    if current:
        out.append(("p", current))
    return out


@lru_cache(maxsize=4)
def load(slug: str) -> list[tuple[str, str]]:
    document = DOCUMENTS[slug]
    return paragraphs((DOCUMENTS_DIR / document.filename).read_text(encoding="utf-8"))
