"""Factories that keep relations consistent (HackSoft tests/factories.py habit)."""

import itertools
from datetime import date

import factory
from django.contrib.auth.models import Group

from portal.identifiers import make_org_code, make_uscc
from portal.models import Organisation, PilotStatus, User
from portal.roles import OrganisationKind, Role

_serial = itertools.count(1)


def next_uscc(district: str = "140105") -> str:
    n = next(_serial)
    return make_uscc("91" + district + make_org_code(f"MA{n:06d}"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试机构{n}")
    kind = OrganisationKind.COMMERCE_BUREAU


class EnterpriseFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"太原测试汽车贸易有限公司{n}")
    kind = OrganisationKind.ENTERPRISE
    uscc = factory.LazyFunction(next_uscc)
    registered_district = "140105"


class PilotEnterpriseFactory(EnterpriseFactory):
    pilot_status = PilotStatus.DESIGNATED
    designated_on = date(2025, 3, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "Correct-Horse-2026")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=str(extracted)))
        if create:
            self.save()


def registered_inspection_body(number: str = "CMA-2024-009", **kw) -> Organisation:
    """An inspection body on the bureau's register (办法第九条): a CMA qualification covering motor
    vehicles, valid 2020–2030."""
    from traceability.models import InspectionQualification, QualificationKind

    body = OrganisationFactory(kind=OrganisationKind.INSPECTION_BODY, certificate_number=number, **kw)
    InspectionQualification.objects.create(
        organisation=body, kind=QualificationKind.CMA, number=number, scope="机动车检验检测", covers_motor_vehicles=True,
        valid_from=date(2020, 1, 1), valid_until=date(2030, 12, 31))
    return body


ORG_FOR_ROLE = {
    Role.ENTERPRISE_USER: EnterpriseFactory,
    Role.BUREAU_OFFICER: OrganisationFactory,
    Role.BUREAU_HEAD: OrganisationFactory,
    Role.AUDITOR: OrganisationFactory,
    Role.POLICE_OFFICER: lambda **kw: OrganisationFactory(kind=OrganisationKind.POLICE, **kw),
    Role.CUSTOMS_OFFICER: lambda **kw: OrganisationFactory(kind=OrganisationKind.CUSTOMS, **kw),
    Role.INSPECTOR: lambda **kw: registered_inspection_body(**kw),
    Role.EXPERT: None,
}


def make_user(role: Role, organisation: Organisation | None = None, **kwargs) -> User:
    if organisation is None and ORG_FOR_ROLE.get(role):
        organisation = ORG_FOR_ROLE[role]()
    return UserFactory(role=role, organisation=organisation, **kwargs)
