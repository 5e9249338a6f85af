"""Issue 20 (GB/T 9704-2012): the 成文日期 as the standard writes it, the seal named by a setting, the demo seal seed_demo makes."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from PIL import Image

from portal import official


@pytest.mark.parametrize("day, words", [
    (date(2026, 12, 5), "2026年12月5日"), (date(2026, 1, 10), "2026年1月10日"),
    (date(2026, 11, 21), "2026年11月21日"), (date(2030, 10, 30), "2030年10月30日"),
    (date(2027, 3, 1), "2027年3月1日"),
])
def test_the_date_of_a_document_is_written_as_gb_t_9704_2012_says(day, words):
    """GB/T 9704-2012 §7.3.5.1: Arabic numerals, the year in full, month and day without a leading zero."""
    assert official.chinese_date(day) == words


def test_seed_demo_makes_a_round_red_demo_seal_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PORTAL = {**settings.PORTAL, "SEAL_IMAGE": ""}
    assert official.ensure_demo_seal() is True
    assert official.ensure_demo_seal() is False
    image = Image.open(official.demo_seal_path())
    assert image.mode == "RGBA" and image.size[0] == image.size[1]
    red, green, blue, alpha = image.getpixel((image.size[0] // 2, image.size[1] // 2))  # the star
    assert red > 150 and green < 60 and alpha > 0
    assert official.seal_data_uri().startswith("data:image/png;base64,")


def test_a_configured_seal_is_used_and_a_missing_one_is_an_error(settings, tmp_path):
    seal = tmp_path / "bureau-seal.png"
    seal.write_bytes(official.draw_demo_seal("太原市商务局", size=120))
    settings.PORTAL = {**settings.PORTAL, "SEAL_IMAGE": str(seal)}
    assert official.seal_path() == seal
    assert official.ensure_demo_seal() is False
    settings.PORTAL = {**settings.PORTAL, "SEAL_IMAGE": str(tmp_path / "missing.png")}
    with pytest.raises(ImproperlyConfigured):
        official.seal_path()


def test_the_imprint_date_and_the_signatory():
    from portal.models import User

    document = official.official_document(number="并商务函〔2026〕12号", title="t", date=date(2026, 12, 5))
    assert document.date_in_words == "2026年12月5日" and document.printed_on_text == "2026年12月5日"
    assert document.authority == "太原市商务局" and document.printed_by == "太原市商务局办公室"
    assert official.person_name(User(username="u1", last_name="张", first_name="经办")) == "张经办"
