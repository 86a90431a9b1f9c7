"""Fixtures of the indicator tests: the published figures and a small park with imported reports."""

import pytest

from zerobay.accounts.models import Role
from zerobay.indicators.models import PublishedFigure

from ..factories import UserFactory
from .fixtures import build_park, ensure_published


@pytest.fixture
def published(db):
    ensure_published()
    return PublishedFigure.objects.all()


@pytest.fixture
def park(district, published, workbook, django_capture_on_commit_callbacks):
    """See fixtures.py: enterprises A, B (大零号湾) and C (紫竹) with 2024 and 2025 reports."""
    return build_park(district, workbook, django_capture_on_commit_callbacks)


@pytest.fixture
def unscoped_operator(district):
    """An operator without an org unit: sees no computed value at all."""
    return UserFactory(username="op-nowhere", role=Role.OPERATOR)
