import io

import pytest
from django.core.management import call_command

from congdoan.organizations.models import Unit


def run_load_demo(**options) -> str:
    out = io.StringIO()
    # pytest-django runs with DEBUG=False, which the command refuses without --force.
    call_command("load_demo", stdout=out, **{"force": True, **options})
    return out.getvalue()


@pytest.fixture
def demo(db) -> dict[str, Unit]:
    """The demo data loaded; its units by code."""
    run_load_demo()
    return {unit.code: unit for unit in Unit.objects.all()}
