import os

from django.http import HttpResponse
from django.urls import include, path

SMALL = b'{"meta":{"total_count":0},"items":[]}'


def _same_size_body() -> bytes:
    """The bytes of (a)'s response, written by api_bench.py before the server
    starts, so the ceiling serves as many bytes as the endpoint it bounds."""
    name = os.environ.get("BENCH_TRIVIAL_BODY")
    if name and os.path.exists(name):
        with open(name, "rb") as handle:
            return handle.read()
    return SMALL


SAME_SIZE = _same_size_body()


def trivial(request):
    """The ceiling: the cheapest response this Django stack can serve."""
    return HttpResponse(SAME_SIZE, content_type="application/json")


def trivial_small(request):
    return HttpResponse(SMALL, content_type="application/json")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/trivial-small/", trivial_small),
    path("", include("cms.urls")),
]
