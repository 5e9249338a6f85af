"""Issue 20: the quarterly evaluation report (实施方案五(三)) in the official format of GB/T 9704-2012 —
版头 in red, 发文字号 from the quarter, title, the date in Chinese under the seal, page numbers."""

from datetime import date

import pytest

from tests.official_pdf import assert_official

pytestmark = pytest.mark.django_db


def test_the_quarterly_report_is_an_official_document(client, bureau_officer, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 10, 9))
    client.force_login(bureau_officer)
    pdf = client.get("/supervision/statistics/quarterly-report/?quarter=2026-Q3").content
    text = assert_official(pdf, "supervision-quarterly-report", title="太原市二手车出口业务季度评估报告（2026年第三季度）",
                           number="并商务统〔2026〕3号", day=date(2026, 10, 9))
    assert "—1—" in text and "2026年10月9日印发" in text
