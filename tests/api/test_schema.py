"""The OpenAPI schema describes the real responses: each endpoint's answer
is validated against it, so the schema cannot drift from the code."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator


@pytest.fixture
def schema(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    return document


def template_for(schema, path: str) -> str:
    for template in schema["paths"]:
        pattern = re.sub(r"\{[^}]+\}", r"[^/]+", template)
        if re.fullmatch(pattern, path):
            return template
    raise AssertionError(f"{path} is not documented")


def validate(schema, url: str, response) -> None:
    template = template_for(schema, url.split("?")[0])
    operation = schema["paths"][template]["get"]
    documented = operation["responses"][str(response.status_code)]
    body_schema = documented["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**body_schema, "components": schema["components"]}
    )
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, f"{url}: {errors[0]}"


def test_every_custom_endpoint_is_documented(schema):
    assert set(schema["paths"]) == {
        "/api/v2/desa/",
        "/api/v2/desa/{kode_kemendagri}/",
        "/api/v2/kecamatan/",
        "/api/v2/news/",
        "/api/v2/news/{id}/",
        "/api/v2/tourism/",
        "/api/v2/tourism/{id}/",
        "/api/v2/wisdom/",
        "/api/v2/wisdom/{id}/",
        "/api/v2/development/",
        "/api/v2/development/{id}/",
        "/api/v2/find/",
        "/api/v2/preview/",
        "/api/v2/generation/",
        "/api/v2/search/",
        "/api/v2/dashboard/",
        "/api/v2/dashboard/desa/{kode_kemendagri}/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/images/find/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/documents/find/",
        "/api/v2/feed/",
        "/api/v2/feed/atom/",
        "/api/v2/desa/{kode_kemendagri}/feed/",
        "/api/v2/desa/{kode_kemendagri}/feed/atom/",
    }
    news = schema["paths"]["/api/v2/news/"]["get"]
    assert {p["name"] for p in news["parameters"]} >= {
        "desa",
        "category",
        "tag",
        "published_after",
        "published_before",
        "order",
        "limit",
        "offset",
    }


def test_responses_match_the_schema(client, world, schema):
    call_command("rebuild_search_index", stdout=StringIO())
    urls = [
        "/api/v2/desa/",
        "/api/v2/desa/33.04.15.2005/",
        "/api/v2/desa/?domain=giritirta.desa.id",
        "/api/v2/kecamatan/",
        "/api/v2/news/",
        f"/api/v2/news/{world['news'].pk}/",
        "/api/v2/tourism/",
        f"/api/v2/tourism/{world['tourism'].pk}/",
        "/api/v2/wisdom/",
        f"/api/v2/wisdom/{world['wisdom'].pk}/",
        "/api/v2/development/",
        f"/api/v2/development/{world['project'].pk}/",
        "/api/v2/find/?desa=giritirta&section=berita&slug=posyandu",
        "/api/v2/search/?q=posyandu",
        "/api/v2/search/?kind=news&desa=giritirta",
        "/api/v2/search/?q=zzzqqq",
        "/api/v2/search/?kind=x",
        "/api/v2/dashboard/",
        "/api/v2/dashboard/?year=2026",
        "/api/v2/dashboard/desa/33.04.15.2005/",
        "/api/v2/dashboard/?year=1",
        "/api/v2/dashboard/desa/33.04.15.2099/",
        # Error shapes are documented too.
        "/api/v2/news/?limit=0",
        "/api/v2/news/?desa=wakanda",
        "/api/v2/desa/33.04.15.2099/",
        "/api/v2/preview/?token=x&desa=giritirta",
        "/api/v2/preview/?token=x",
        "/api/v2/pages/",
        "/api/v2/pages/?type=news.NewsPage&fields=*",
        "/api/v2/pages/?type=desa.DesaHomePage&fields=_,title",
        f"/api/v2/pages/{world['news'].pk}/",
        "/api/v2/pages/?limit=0",
        "/api/v2/images/",
        f"/api/v2/images/{world['image'].pk}/",
        "/api/v2/documents/",
        "/api/v2/documents/1/",
        "/api/v2/images/?search=curug&fields=*",
    ]
    for url in urls:
        validate(schema, url, client.get(url))


def test_the_schema_catches_drift(client, world, schema):
    response = client.get(f"/api/v2/news/{world['news'].pk}/")
    broken = response.json()
    broken["desa"] = "Giritirta"
    template = schema["paths"]["/api/v2/news/{id}/"]["get"]
    body_schema = template["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**body_schema, "components": schema["components"]}
    )
    assert list(validator.iter_errors(broken))


def test_interactive_docs_are_served_locally(client, db):
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()


def test_schema_errors_are_json(client, db):
    response = client.get("/api/schema/?format=x")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]
