import pytest

from traceability.tests.helpers import Officials


@pytest.fixture
def officials(db):
    return Officials()
