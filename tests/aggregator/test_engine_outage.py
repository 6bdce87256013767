"""A separate search engine that hangs: it accepts connections and never
answers (a local socket, not a real Elasticsearch, so these tests run
without ELASTICSEARCH_URL). Search answers from the database engine after
one short timeout and then at once for the cool-down; publishing never
waits on the engine, and the search worker applies the change later."""

import socket
import threading

import pytest

from aggregator import outbox
from aggregator.backends import get_backend, get_database_backend
from aggregator.models import OutboxEntry, SearchRecord
from cms.core.breakers import CLOSED, OPEN
from tests.api.conftest import get_json
from tests.factories import news_page, publish


class HangingServer:
    """Accepts every connection and never reads or answers."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hanging_engine(settings):
    server = HangingServer()
    settings.SEARCH_BACKEND = {
        "ENGINE": "aggregator.backends.elasticsearch.ElasticsearchBackend",
        "OPTIONS": {
            "url": f"http://127.0.0.1:{server.port}",
            "index": f"hanging-{server.port}",
            "timeout": 0.3,
            "write_timeout": 0.3,
            "failures": 1,
            "cool_down": 60,
        },
    }
    try:
        yield server
    finally:
        server.close()


def test_search_degrades_to_the_database_and_stays_there(
    client, live_desa, sync, hanging_engine
):
    desa_a, _desa_b = live_desa
    sync(publish, news_page(desa_a, title="Posyandu balita"))
    OutboxEntry.objects.all().delete()  # as if the worker had caught up
    engine = get_backend()
    assert engine.breaker.current_state == CLOSED
    first = get_json(client, "/api/v2/search/?q=posyandu")
    assert first["meta"]["degraded"] is True
    assert first["meta"]["engine"] == get_database_backend().name
    assert [item["title"] for item in first["items"]] == ["Posyandu balita"]
    assert engine.breaker.current_state == OPEN
    tried = len(hanging_engine.connections)
    assert tried >= 1
    second = get_json(client, "/api/v2/search/?q=balita")
    assert second["meta"]["degraded"] is True
    assert [item["title"] for item in second["items"]] == ["Posyandu balita"]
    assert len(hanging_engine.connections) == tried  # not asked again


def test_publishing_never_waits_on_the_separate_engine(
    client, live_desa, sync, hanging_engine
):
    desa_a, _desa_b = live_desa
    OutboxEntry.objects.all().delete()
    page = sync(publish, news_page(desa_a, title="Kerja bakti"))
    assert hanging_engine.connections == []  # never contacted
    assert get_backend().breaker.current_state == CLOSED
    # The database engine has it at once; the worker's entry waits.
    assert SearchRecord.objects.filter(key=str(page.pk)).exists()
    assert list(OutboxEntry.objects.values_list("key", flat=True)) == [str(page.pk)]
    # Until the worker has applied it, search answers from the database.
    found = get_json(client, "/api/v2/search/?q=kerja")
    assert found["meta"]["degraded"] is True
    assert [item["title"] for item in found["items"]] == ["Kerja bakti"]
    assert hanging_engine.connections == []
    sync(page.unpublish)
    assert not SearchRecord.objects.filter(key=str(page.pk)).exists()
    assert get_json(client, "/api/v2/search/?q=kerja")["items"] == []


def test_the_worker_keeps_the_entries_while_the_engine_hangs(
    live_desa, sync, hanging_engine
):
    desa_a, _desa_b = live_desa
    OutboxEntry.objects.all().delete()
    sync(publish, news_page(desa_a, title="Satu"))
    sync(publish, news_page(desa_a, title="Dua"))
    report = outbox.process()
    assert (report.applied, report.failed, report.remaining) == (0, 2, 2)
    assert get_backend().breaker.current_state == OPEN
    assert len(hanging_engine.connections) == 1  # then the breaker said no
    errors = set(OutboxEntry.objects.values_list("last_error", flat=True))
    assert len(errors) == 2  # a timeout, then the open breaker
