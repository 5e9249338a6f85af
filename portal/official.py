"""Documents in the official format (GB/T 9704-2012 党政机关公文格式): one base template, one seal.

Every document the portal issues extends templates/pdf/official.html and passes an `official`
(`official_document(...)`): 发文字号, title, 主送, 签发人, 成文日期, 抄送, 印发机关 and 印发日期. The seal is
an image (PNG) named by PORTAL["SEAL_IMAGE"]; empty, it is the demo seal under var/official-seal/,
which `seed_demo` makes (and the first document makes when it is missing): a round red seal whose
ring reads "太原市商务局（演示）", so it can never pass for the bureau's own.
"""

import base64
import datetime
import logging
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DEMO_DIR_NAME = "official-seal"
DEMO_FILE_NAME = "demo-seal.png"
SEAL_RED = (214, 0, 24)

def chinese_date(day: datetime.date | None) -> str:
    """2026年12月5日: the 成文日期 as GB/T 9704-2012 §7.3.5.1 writes it — Arabic numerals, the year in
    full, no leading zero for month and day (the 1999 edition's 二〇〇六年 form is no longer used)."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(prefix: str, year: int, serial: int) -> str:
    """发文字号 as GB/T 9704-2012 §7.2.4 writes it: 机关代字, the year in 六角括号, the serial (并商务函〔2026〕12号)."""
    return f"{prefix}〔{year}〕{serial}号"


def authority() -> str:
    return settings.PORTAL["ISSUING_AUTHORITY"]


def printing_office() -> str:
    """印发机关 of the 版记: the authority's office unless PORTAL["PRINTING_OFFICE"] names another."""
    return settings.PORTAL.get("PRINTING_OFFICE") or f"{authority()}办公室"


# --- The seal ----------------------------------------------------------------------------------------------

def demo_seal_path() -> Path:
    return Path(settings.VAR_DIR) / DEMO_DIR_NAME / DEMO_FILE_NAME


def seal_path() -> Path:
    """The configured seal image; empty setting: the demo seal, made on first use."""
    configured = settings.PORTAL.get("SEAL_IMAGE", "")
    if configured:
        path = Path(configured)
        if not path.exists():
            raise ImproperlyConfigured(f"PORTAL['SEAL_IMAGE'] names {path}, which does not exist.")
        return path
    path = demo_seal_path()
    if not path.exists():
        logger.warning("no seal image configured (PORTAL['SEAL_IMAGE']): using the demo seal %s", path)
        make_demo_seal(path, authority=authority())
    return path


@lru_cache(maxsize=4)
def _data_uri(path: str, _mtime: float) -> str:
    data = Path(path).read_bytes()
    mime = "image/svg+xml" if path.endswith(".svg") else "image/png"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def seal_data_uri() -> str:
    path = seal_path()
    return _data_uri(str(path), path.stat().st_mtime)


def _cjk_font_file() -> tuple[str, int] | None:
    """A bold CJK font for the seal's ring text (Debian's fonts-noto-cjk), with the SC face index."""
    candidates = [
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ]
    for path, index in candidates:
        if os.path.exists(path):
            return path, index
    return None


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    import math

    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw_demo_seal(authority_name: str, *, size: int = 600) -> bytes:
    """A round red seal (PNG, transparent): ring, the authority's name on the upper arc, a star, and
    演示专用 under it. Slightly transparent red, so the 署名 and date under it stay legible."""
    import io
    import math

    from PIL import Image, ImageDraw, ImageFont

    red = (*SEAL_RED, 215)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2
    ring = size * 0.035
    draw.ellipse((ring / 2, ring / 2, size - ring / 2, size - ring / 2), outline=red, width=round(ring))
    draw.polygon(_star(c, c, size * 0.15), fill=red)

    font_file = _cjk_font_file()
    ring_text = f"{authority_name}（演示）"
    if font_file is None:  # no CJK font on this machine: the seal still says what it is
        font = ImageFont.load_default(size=size * 0.08)
        draw.text((c, c + size * 0.27), "DEMO", fill=red, font=font, anchor="mm")
    else:
        glyph_size = round(size * 0.105)
        font = ImageFont.truetype(font_file[0], glyph_size, index=font_file[1])
        radius = c - ring - glyph_size * 0.72
        span = 250.0 if len(ring_text) > 6 else 200.0
        step = span / max(len(ring_text) - 1, 1)
        for i, char in enumerate(ring_text):
            theta = -span / 2 + i * step  # degrees clockwise from the top
            box = glyph_size * 2
            glyph = Image.new("RGBA", (box, box), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((box / 2, box / 2), char, fill=red, font=font, anchor="mm")
            glyph = glyph.rotate(-theta, resample=Image.BICUBIC)
            x = c + radius * math.sin(math.radians(theta))
            y = c - radius * math.cos(math.radians(theta))
            image.alpha_composite(glyph, (round(x - box / 2), round(y - box / 2)))
        small = ImageFont.truetype(font_file[0], round(size * 0.075), index=font_file[1])
        draw.text((c, c + size * 0.27), "演示专用", fill=red, font=small, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def make_demo_seal(path: Path, *, authority: str) -> bool:
    """Write the demo seal to `path` (atomically: parallel workers may race); False when it exists."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".png")
    with os.fdopen(fd, "wb") as handle:
        handle.write(draw_demo_seal(authority))
    os.replace(temporary, path)
    return True


def ensure_demo_seal() -> bool:
    """seed_demo: the demo seal, unless PORTAL["SEAL_IMAGE"] names the bureau's own."""
    if settings.PORTAL.get("SEAL_IMAGE"):
        return False
    return make_demo_seal(demo_seal_path(), authority=authority())


# --- The document's 版头 and 版记 --------------------------------------------------------------------------

@dataclass
class OfficialDocument:
    number: str  # 发文字号, e.g. 并商务函〔2026〕12号
    title: str
    date: datetime.date  # 成文日期
    subtitle: str = ""  # a line under the title, e.g. （2026年第三季度）
    recipient: str = ""  # 主送
    signatory: str = ""  # 签发人 (surname + given name)
    copy_to: str = ""  # 抄送
    note: str = ""  # 附注, under the 成文日期
    printed_on: datetime.date | None = None  # 印发日期 (defaults to the 成文日期)
    authority: str = field(default_factory=authority)
    printed_by: str = field(default_factory=printing_office)
    with_seal: bool = True

    @property
    def date_in_words(self) -> str:
        return chinese_date(self.date)

    @property
    def printed_on_text(self) -> str:
        """印发日期 in Arabic numerals, as GB/T 9704-2012 §8.3.3 writes it (2026年12月5日印发)."""
        day = self.printed_on or self.date
        return f"{day.year}年{day.month}月{day.day}日"

    @property
    def seal(self) -> str:
        return seal_data_uri() if self.with_seal else ""


def official_document(**kwargs) -> OfficialDocument:
    return OfficialDocument(**kwargs)


def person_name(user) -> str:
    """签发人 and signatures: the name as people write it (张经办), never a username where a name exists."""
    return user.display_name if user is not None else ""
