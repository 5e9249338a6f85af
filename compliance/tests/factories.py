"""Vehicles and licences as the traceability service leaves them (cleared_on, deregistered_on set)."""

import itertools
from datetime import date, timedelta

import factory

from portal.roles import Role
from tests.factories import PilotEnterpriseFactory, make_user
from traceability.models import Licence, LicenceStatus, Vehicle, VehicleType

_vins = itertools.count(1)


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    vin = factory.LazyFunction(lambda: f"LFV2A21K{next(_vins):09d}")
    enterprise = factory.SubFactory(PilotEnterpriseFactory)
    brand = "大众"
    model = "朗逸"
    vehicle_type = VehicleType.NONCOMMERCIAL_PASSENGER_SMALL
    registration_date = date(2020, 5, 1)
    mileage_km = 60000
    created_by = factory.LazyFunction(lambda: make_user(Role.ENTERPRISE_USER))


def exported(enterprise, cleared_on, deregistered_on=None, **kwargs):
    """A vehicle cleared by customs on `cleared_on` (and deregistered, if given)."""
    return VehicleFactory(enterprise=enterprise, cleared_on=cleared_on, deregistered_on=deregistered_on, **kwargs)


def issued_licence(enterprise, issued_on, valid_until, used_on=None):
    return Licence.objects.create(
        enterprise=enterprise, destination_country="KZ", number=f"L{next(_vins):08d}",
        status=LicenceStatus.USED if used_on else LicenceStatus.ISSUED, requested_by=make_user(Role.ENTERPRISE_USER),
        issued_on=issued_on, valid_until=valid_until, used_on=used_on,
    )


def pdf_upload(name: str = "证明材料.pdf"):
    """A real one-page PDF, as an enterprise would upload it."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def no_export_window_overdue(enterprise, overdue_since):
    """第十二条第2项: a 12-month window without an export, judged overdue (as the daily sweep does)."""
    from compliance.models import Obligation, ObligationStatus, RuleCode
    from portal.dates import add_months

    start = add_months(overdue_since, -12)
    return Obligation.objects.create(
        rule=RuleCode.NO_EXPORT_12M, enterprise=enterprise, period_key=start.isoformat(), period_start=start,
        due_on=overdue_since - timedelta(days=1), status=ObligationStatus.OVERDUE, overdue_since=overdue_since)
