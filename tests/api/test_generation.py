"""/api/v2/generation/ (what the frontends watch to drop their cached
answers), and the dashboard's cached figures renewed when a snippet it reads
is saved or deleted in the admin."""

import pytest
from django.utils import timezone

from cms.dashboard.models import IDMScore
from tests.conftest import logged_in
from tests.factories import news_page, publish

from .conftest import get_json

URL = "/api/v2/generation/"
DASHBOARD = "/api/v2/dashboard/"
IDM_ADMIN = "/admin/snippets/dashboard/idmscore/"


def generation(client) -> str:
    return get_json(client, URL)["generation"]


def test_the_generation_changes_with_public_content_only(client, desa_a, editor_a):
    publish(desa_a)
    response = client.get(URL)
    assert response["Cache-Control"] == "no-store"
    assert "X-Cache" not in response  # never from the response cache
    before = response.json()["generation"]
    assert generation(client) == before
    publish(news_page(desa_a, title="Terbit", slug="terbit"))
    assert generation(client) != before


def test_unknown_parameters_are_refused(client, db):
    assert client.get(f"{URL}?x=1").status_code == 400


def idm_of(client, desa) -> dict:
    rows = get_json(client, DASHBOARD)["desa"]
    return next(r["idm"] for r in rows if r["desa"]["slug"] == desa.slug)


@pytest.fixture
def published_desa(desa_a):
    return publish(desa_a)


def test_saving_an_idm_score_in_the_admin_renews_the_dashboard(
    client, published_desa, moderator
):
    desa, year = published_desa, timezone.localdate().year
    assert idm_of(client, desa)["score"] is None
    assert client.get(DASHBOARD)["X-Cache"] == "hit"
    admin = logged_in(moderator)
    form = {"desa": desa.pk, "year": year, "score": "0.6500", "source": "uji"}
    response = admin.post(f"{IDM_ADMIN}add/", form)
    assert response.status_code == 302, response.content[:2000]
    assert idm_of(client, desa)["score"] == 0.65
    score = IDMScore.objects.get(desa=desa, year=year)
    response = admin.post(f"{IDM_ADMIN}edit/{score.pk}/", {**form, "score": "0.8200"})
    assert response.status_code == 302
    assert idm_of(client, desa) | {"score": 0.82, "status": "mandiri"} == idm_of(
        client, desa
    )
    response = admin.post(f"{IDM_ADMIN}delete/{score.pk}/")
    assert response.status_code == 302
    assert idm_of(client, desa)["score"] is None
