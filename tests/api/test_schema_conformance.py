"""Schemathesis over the whole OpenAPI schema, in process against the
Django WSGI application, with a small published world: whatever the schema
allows a client to send, the API answers without a 5xx, with a documented
status code, content type, headers and body.

Examples are bounded and derandomized (the same requests on every run, so
CI is repeatable); the world is built once for every operation."""

import json
from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents import get_document_model

from tests.factories import news_page, publish

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Valid requests (what the schema allows), and requests breaking it (which
# must be refused with a documented 4xx, never a 5xx).
MODES = [(GenerationMode.POSITIVE, 30), (GenerationMode.NEGATIVE, 15)]


def used_document(desa):
    """A document that a published news of `desa` links to."""
    document = get_document_model().objects.create(
        title="Laporan APBDes",
        file=ContentFile(b"%PDF-1.4", name="apbdes.pdf"),
        collection=desa.roles.collection,
    )
    block = {"type": "document", "value": {"document": document.pk}, "id": "d"}
    publish(news_page(desa, title="APBDes", slug="apbdes", body=json.dumps([block])))
    return document


@pytest.fixture
def wsgi_application():
    """Django's WSGI application sharing the test's database transaction:
    like Django's test client, it must not close the connection at the
    start and end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, desa_b, wsgi_application):
    world["document"] = used_document(desa_b)
    call_command("rebuild_search_index", stdout=StringIO())
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_application)


def existing(world, path: str) -> dict:
    """Path parameters naming objects of the world, so that details are
    reached too and not only their 404s."""
    ids = {
        "/api/v2/news/": world["news"],
        "/api/v2/tourism/": world["tourism"],
        "/api/v2/wisdom/": world["wisdom"],
        "/api/v2/development/": world["project"],
        "/api/v2/pages/": world["news"],
        "/api/v2/images/": world["image"],
        "/api/v2/documents/": world["document"],
    }
    found = {}
    if "{kode_kemendagri}" in path:
        found["kode_kemendagri"] = "33.04.15.2005"
    if "{id}" in path:
        found["id"] = ids[path.split("{")[0]].pk
    return found


def conforms(operation, known: dict, mode: GenerationMode, examples: int) -> None:
    """Run bounded examples of one operation; raises on the first failure."""
    strategy = operation.as_strategy(generation_mode=mode)
    if known and mode is GenerationMode.POSITIVE:
        strategy |= operation.as_strategy(path_parameters=known)

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()


def test_every_operation_keeps_to_the_schema(api_schema, world, subtests):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 29
    for operation in operations:
        known = existing(world, operation.path)
        for mode, examples in MODES:
            if mode is GenerationMode.NEGATIVE and not any(operation.iter_parameters()):
                continue  # nothing to break
            with subtests.test(f"{operation.label} ({mode.value})"):
                conforms(operation, known, mode, examples)
