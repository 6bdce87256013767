"""Every GET URL of the Wagtail admin, filled in with the ids of one desa's
things, for the attacker's crawl in test_admin_crawl.py.

The URL patterns are read from Django's resolver, so a view added by Wagtail
or by this project is crawled without anyone listing it here. Each path
parameter gets every candidate id for its name (and, for `pk`, for the part
of the admin it sits in); listings also get search and filter queries. Bulk
actions, whose ids travel in the query string, are read from Wagtail's
registry and asked for every object of their model."""

import itertools
import re
from collections.abc import Iterator
from urllib.parse import urlencode

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
# Views that only log out, fail on purpose or catch everything else.
SKIPPED = {"admin/logout/", "admin/failwhale/", "admin/^.*/$", "admin/test404/"}


def admin_routes() -> Iterator[str]:
    """Every admin route, e.g. 'admin/pages/<int:page_id>/edit/'."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    for route in walk(get_resolver().url_patterns):
        if route.startswith("admin/") and route not in SKIPPED:
            yield route


def _clean(route: str) -> str:
    """Drop regex anchors that Django's route strings keep."""
    return route.replace("^", "").replace("$", "").replace("\\.", ".")


def _candidates(route: str, name: str, ids: dict) -> list:
    """Values to try for the parameter `name` of `route`. `ids` maps a
    parameter name, or 'area:name' for a name that differs by admin area,
    to the values to try."""
    for area in ids.get("areas", ()):
        if f"/{area}/" in route and f"{area}:{name}" in ids:
            return ids[f"{area}:{name}"]
    return ids.get(name, ["1"])


def fill(route: str, ids: dict) -> Iterator[str]:
    """Every URL of one route, with each parameter from its candidates."""
    route = _clean(route)
    names = [a or b for a, b in PARAMETER.findall(route)]
    choices = [_candidates(route, name, ids) for name in names]
    for values in itertools.product(*choices):
        pending = iter(values)
        yield "/" + PARAMETER.sub(
            lambda _match, pending=pending: str(next(pending)), route
        )


def admin_urls(ids: dict, queries: dict[str, list[str]]) -> list[str]:
    """Every filled admin URL, and each parameterless one (the listings,
    choosers and reports) again with each query of `queries` keyed by the
    longest prefix of the URL ("" for any)."""
    urls = []
    for route in admin_routes():
        filled = list(fill(route, ids))
        urls.extend(filled)
        if not PARAMETER.search(route):
            prefix = max((p for p in queries if filled[0].startswith(p)), key=len)
            urls.extend(f"{filled[0]}?{query}" for query in queries[prefix])
    return urls


def bulk_action_urls(queries: list[str]) -> list[str]:
    """The confirmation page of every registered bulk action, asked for each
    object of its model alone, for all of them at once, and with each of
    `queries` (e.g. "id=all&childOf=<id>")."""
    urls = []
    for model in apps.get_models():
        meta = model._meta
        actions = bulk_action_registry.get_bulk_actions_for_model(
            meta.app_label, meta.model_name
        )
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        for action in actions:
            url = reverse(
                "wagtail_bulk_action",
                args=[meta.app_label, meta.model_name, action.action_type],
            )
            urls.extend(f"{url}?{urlencode({'id': pk})}" for pk in pks)
            urls.append(f"{url}?{urlencode([('id', pk) for pk in pks])}")
            urls.extend(f"{url}?{query}" for query in queries)
    return urls
