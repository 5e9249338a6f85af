import pytest

from .factories import round_with


@pytest.fixture
def ready_round(bureau_officer):
    """(round, [3 experts], [entry]) with stages held and no conflicts declared."""
    return round_with(bureau_officer)
