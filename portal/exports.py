"""Spreadsheet and CSV downloads of any list (headers + rows of plain values)."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Sheet1") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, _cell(v)) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    """A Decimal is a number cell shown with its places and thousands separators (12,000.50)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    from openpyxl.cell import WriteOnlyCell

    places = max(-value.as_tuple().exponent, 0)
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "#,##0" + ("." + "0" * places if places else "")
    return cell


def xlsx_response(filename: str, headers, rows, sheet_title: str = "Sheet1") -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(headers, rows, sheet_title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


def csv_response(filename: str, headers, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    response.write("\ufeff")  # so that Excel opens UTF-8 Chinese correctly
    writer = csv.writer(response)
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return response


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "label"):
        return str(value.label)
    if isinstance(value, (int, float, str, Decimal)):
        return value  # a Decimal stays a number in XLSX (issue 20: scores, amounts), and prints as itself in CSV
    return str(value)
