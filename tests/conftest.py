import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, Site

from cms.desa.roles import MODERATOR_GROUP_NAME
from cms.news.models import NewsIndexPage

from .factories import DesaHomePageFactory, KecamatanHomePageFactory
from .redis_server import REDIS_SERVER, RedisServer


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def kecamatan(root_page):
    """The kecamatan home with its own newsroom (saving it provisions the
    moderator group and the review workflow)."""
    kecamatan = KecamatanHomePageFactory(parent=root_page)
    kecamatan.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    Site.objects.filter(is_default_site=True).update(root_page=kecamatan)
    return kecamatan


@pytest.fixture
def desa_a(kecamatan):
    return DesaHomePageFactory(
        parent=kecamatan, name="Giritirta", kode_kemendagri="33.04.15.2005"
    )


@pytest.fixture
def desa_b(kecamatan):
    return DesaHomePageFactory(
        parent=kecamatan, name="Ratamba", kode_kemendagri="33.04.15.2011"
    )


def make_user(username: str, *groups: Group, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="not-used-in-tests",
        **extra,
    )
    user.groups.set(groups)
    return user


@pytest.fixture
def editor_a(desa_a):
    return make_user("editor_a", desa_a.roles.editor_group)


@pytest.fixture
def editor_b(desa_b):
    return make_user("editor_b", desa_b.roles.editor_group)


@pytest.fixture
def moderator(kecamatan):
    return make_user("moderator", Group.objects.get(name=MODERATOR_GROUP_NAME))


@pytest.fixture
def superuser(db):
    return make_user("root", is_superuser=True, is_staff=True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def redis_cache(tmp_path, settings):
    """A real Redis on a spare loopback port as the default cache, set up as
    in production (cms/settings/base.py) but with a short breaker cool-down.
    Yields the server, which a test may stop, pause or restart."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.core.cache.TolerantRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "breaker_failures": 3,
                "breaker_cool_down": 0.2,
            },
        }
    }
    try:
        yield server
    finally:
        server.stop()
