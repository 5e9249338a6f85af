"""Checks for the documents the portal issues (issue 20, GB/T 9704-2012): each PDF is kept with its pages as
PNG under test-artifacts/pdfs/ (CI keeps the folder as an artefact), its text is read back, and its seal
must be in it as an image.
"""

import io
import re
import shutil
import subprocess
from pathlib import Path

from portal.official import chinese_date
from portal.pdf import pdf_text

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "pdfs"


def flat(text: str) -> str:
    """PDF text wraps long lines; compare without whitespace."""
    return "".join(text.split())


def keep(pdf: bytes, name: str) -> list[Path]:
    """The PDF and one PNG per page (pdftoppm, 80 dpi) under test-artifacts/pdfs/<name>*."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", name)
    (ARTIFACTS / f"{safe}.pdf").write_bytes(pdf)
    for old in ARTIFACTS.glob(f"{safe}-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(ARTIFACTS / f"{safe}.pdf"), str(ARTIFACTS / safe)],
                       check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{safe}-*.png"))


def image_count(pdf: bytes) -> int:
    """Image XObjects drawn on the pages (the seal, a QR code)."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                count += 1
            elif obj.get("/Subtype") == "/Form":  # WeasyPrint may wrap an image in a form
                inner = obj.get("/Resources")
                inner = inner.get_object().get("/XObject") if inner is not None else None
                if inner is not None:
                    count += sum(1 for r in inner.get_object().values() if r.get_object().get("/Subtype") == "/Image")
    return count


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in mm of each page."""
    from pypdf import PdfReader

    return [(round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4))
            for p in PdfReader(io.BytesIO(pdf)).pages]


def assert_official(pdf: bytes, name: str, *, title: str, number: str, day, authority: str = "太原市商务局",
                    more: tuple[str, ...] = ()) -> str:
    """The document in the official format: kept as PNG, its title, 发文字号, authority and the date in Chinese
    read back, the seal present as an image. Answers the text without whitespace."""
    pngs = keep(pdf, name)
    assert pngs or not shutil.which("pdftoppm")
    text = flat(pdf_text(pdf))
    for expected in (title, number, authority, chinese_date(day), *more):
        assert flat(expected) in text, f"{expected!r} not in {name}: {text[:400]}"
    assert image_count(pdf) >= 1, f"{name}: no seal image"
    return text
