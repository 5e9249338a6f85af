"""Dossier PDF of a vehicle with 50 events (≤ 1 s) and the XLSX bulk import of 10,000 vehicles
(≤ 15 s including validation), through the portal's own services, in transactions rolled back."""

import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import AS_OF, report, setup_django  # noqa: E402

PDF_EVENTS = 50
IMPORT_ROWS = 10_000


class Rollback(Exception):
    pass


def dossier() -> None:
    from django.db import transaction

    from portal.models import User
    from portal.pdf import pdf_text
    from traceability import chain, documents
    from traceability.models import Vehicle

    owner = User.objects.get(username__startswith="bench_ent_", organisation__isnull=False,
                             pk=Vehicle.objects.order_by("id").values("created_by")[:1])
    try:
        with transaction.atomic():
            vehicle = Vehicle.objects.select_for_update().order_by("id").first()
            for k in range(PDF_EVENTS - vehicle.last_seq):
                chain.write_event(vehicle, "repair", {"description": f"维修记录{k}", "country": "KZ"}, actor=owner,
                                  occurred_on=AS_OF - timedelta(days=1))
            documents.dossier_pdf(vehicle)  # warm the fonts
            samples, cpu = [], []
            for _ in range(5):
                start, start_cpu = time.perf_counter(), time.process_time()
                pdf = documents.dossier_pdf(vehicle)
                samples.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert vehicle.vin in pdf_text(pdf)
            raise Rollback
    except Rollback:
        pass
    seconds = max(samples)
    # The CPU time of this process says what the shared machine's load adds to the wall-clock figure.
    report(f"dossier PDF, {PDF_EVENTS} events (worst of 5)", seconds, "s", "<= 1 s", seconds <= 1.0,
           cpu_s_worst=round(max(cpu), 3), wall_s_best=round(min(samples), 3))


def bulk_import() -> None:
    from django.db import transaction

    from portal.exports import xlsx_bytes
    from portal.models import User
    from traceability import imports
    from traceability.forms import IMPORT_COLUMNS, import_header
    from traceability.models import VehicleImport
    from traceability.rules import make_vin

    user = User.objects.filter(username__startswith="bench_ent_").order_by("id").first()
    rows = [[make_vin("LHGCR265", f"X{k:07d}"), "晋A00000", "本田", "雅阁", "noncommercial_passenger_small",
             "2019-05-20", "2019-03-01", 68000, "noncommercial", "", "否", "否"] for k in range(IMPORT_ROWS)]
    content = xlsx_bytes([import_header(c) for c in IMPORT_COLUMNS], rows, sheet_title="vehicles")
    with transaction.atomic():  # the file as the portal takes it (MAX_ROWS), rolled back
        job = VehicleImport.objects.create(enterprise=user.organisation, created_by=user,
                                           filename="bench.xlsx", content=content)
        start, start_cpu = time.perf_counter(), time.process_time()
        job = imports.run_import(job.pk, today=date.today())
        seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        transaction.set_rollback(True)
    report(f"XLSX bulk import, {IMPORT_ROWS:,} vehicles", seconds, "s", "<= 15 s",
           seconds <= 15 and job.imported_count == IMPORT_ROWS, imported=job.imported_count, status=job.status,
           errors=len(job.errors), cpu_s=round(cpu, 2), max_rows_in_portal=imports.MAX_ROWS)


def main() -> None:
    setup_django()
    dossier()
    bulk_import()


if __name__ == "__main__":
    main()
