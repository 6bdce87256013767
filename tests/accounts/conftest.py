import pytest
from django.core.cache import cache

from .signin import PASSWORD


@pytest.fixture(autouse=True)
def empty_cache():
    """django-ratelimit counts in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def editor(editor_a):
    return with_password(editor_a)


@pytest.fixture
def staff_moderator(moderator):
    return with_password(moderator)
