import pytest
from django.core.cache import cache
from django.test import Client
from wagtail_factories import ImageFactory

from api.cache import local_entries
from tests.factories import (
    development_page,
    image_block,
    link_paragraph,
    news_page,
    publish,
    stream,
    tourism_page,
    wisdom_page,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """The API response cache lives in local memory across tests."""
    cache.clear()
    local_entries.clear()
    yield
    cache.clear()
    local_entries.clear()


@pytest.fixture
def client():
    return Client()


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def body_with(link_to=None, image=None) -> str:
    blocks = [
        {"type": "heading", "value": {"text": "Kabar", "level": "h2"}, "id": "h1"}
    ]
    if link_to is not None:
        blocks.append(link_paragraph(link_to, text="ini", before="Lihat ", after="."))
    if image is not None:
        blocks.append(image_block(image, caption="Foto"))
    return stream(*blocks)


@pytest.fixture
def world(kecamatan, desa_a, desa_b):
    """Published content in two desa and the kecamatan: desa A has a public
    domain, B is reached through the portal."""
    desa_a.public_domain = "giritirta.desa.id"
    publish(desa_a)
    publish(desa_b)
    image = ImageFactory(title="Curug Mrawu", collection=desa_a.roles.collection)
    tourism = publish(
        tourism_page(
            desa_a,
            title="Curug Mrawu",
            slug="curug-mrawu",
            hero_image=image,
            ticket_price=5000,
            latitude="-7.239513",
            longitude="109.786245",
        )
    )
    news = news_page(
        desa_a,
        title="Posyandu Giritirta",
        slug="posyandu",
        hero_image=image,
        body=body_with(link_to=tourism, image=image),
    )
    news.tags.add("posyandu", "kesehatan ibu")
    publish(news)
    news_b = publish(news_page(desa_b, title="Kerja bakti Ratamba", slug="kerja-bakti"))
    kecamatan_news = publish(
        news_page(kecamatan, title="Rapat koordinasi", slug="rakor")
    )
    wisdom = publish(wisdom_page(desa_b, title="Lengger", slug="lengger"))
    import datetime

    project = publish(
        development_page(
            desa_b,
            title="Jalan desa",
            slug="jalan-desa",
            reports=[(datetime.date(2026, 3, 1), 40), (datetime.date(2026, 6, 1), 100)],
        )
    )
    return {
        "image": image,
        "tourism": tourism,
        "news": news,
        "news_b": news_b,
        "kecamatan_news": kecamatan_news,
        "wisdom": wisdom,
        "project": project,
    }
