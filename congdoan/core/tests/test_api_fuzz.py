"""The API against its own OpenAPI schema: generated requests, valid and not, never make it fail.

schemathesis drives the in-process WSGI application with requests built from
/api/v1/openapi.json, authenticated as an officer, and checks every answer: no 5xx, a documented
status and content type, a body matching the documented schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from congdoan.accounts.services import token_issue


@pytest.fixture
def in_test_transaction(db):
    """Run WSGI requests inside the test's transaction, as Django's test client does: the handler
    would otherwise close the connection after each request and lose the test data."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# Loaded at collection: fetching the schema touches no database. (schemathesis' lazy
# ``from_fixture`` does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Unknown query parameters are ignored, as by most web APIs; not a failure to accept them.
schema.config.generation.update(allow_extra_parameters=False)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case, in_test_transaction, tree, cdvc_officer):
    # A fresh token each time: an example may revoke the one it was given (DELETE /auth/token).
    _, raw = token_issue(actor=cdvc_officer, name="fuzz")
    case.call_and_validate(
        headers={"Authorization": f"Bearer {raw}"},
        # Schema-valid requests may still break a rule of the tree (a date before the unit's last
        # change, a code in use): the services refuse them with 422, which is the documented answer.
        excluded_checks=[positive_data_acceptance],
    )


def test_schema_and_docs_are_public_and_offline(client):
    assert client.get("/api/v1/openapi.json").status_code == 200
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html  # no CDN
