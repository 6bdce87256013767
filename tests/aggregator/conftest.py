import pytest

from tests.factories import publish


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """Run an action and its after-commit work (the search outbox) as a real
    commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def live_desa(desa_a, desa_b, sync):
    sync(publish, desa_a)
    sync(publish, desa_b)
    return desa_a, desa_b
