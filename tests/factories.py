"""factory_boy builders for the registry and accounts. Every USCC they make is valid."""

import itertools

import factory
from stdnum.cn import uscc as stdnum_uscc

from zerobay.accounts.models import Role, User
from zerobay.registry.models import Enterprise, OrgUnit, Qualification, QualificationType

_serial = itertools.count(1)


def make_uscc(n: int | None = None, region: str = "310112") -> str:
    """A valid USCC (check character per GB 32100-2015) for serial number n."""
    n = next(_serial) if n is None else n
    body = f"91{region}MA{n:07d}"  # 17 characters before the check character
    return body + stdnum_uscc.calc_check_digit(body)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"子园{n}")
    kind = OrgUnit.Kind.SUBPARK


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.LazyFunction(make_uscc)
    name = factory.Sequence(lambda n: f"上海测试科技有限公司{n}")
    org_unit = None


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = QualificationType.HTE
    certificate_no = factory.Sequence(lambda n: f"GR2023310{n:05d}")
    valid_from = factory.Faker("date_between", start_date="-2y", end_date="-1y")
    valid_to = factory.LazyAttribute(lambda q: q.valid_from.replace(year=q.valid_from.year + 3))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
