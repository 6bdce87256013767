"""The page registry: what the rest of the project may ask about the kinds
of pages without knowing any content app.

Core names no content type. Each page model says what it is through class
attributes (declared on the abstract bases in cms/core/models.py):

- `public_home`: "kecamatan" or "desa" on the two home pages, served at the
  root of the portal or of a desa's site;
- `public_section`: the path segment of a section on the frontends
  ("berita"), on the section index page and on its item page alike;
- `search_kind`: the kind an item page has in the API and the search index
  ("news").

The answers are read from Wagtail's page models, once the app registry is
ready, and kept for the life of the process (the models do not change).
"""

from functools import cache

from wagtail.models import get_page_models

DESA = "desa"


def public_models() -> list[type]:
    """The page models that declare a public place, in registration order."""
    return [
        model
        for model in get_page_models()
        if not model._meta.abstract
        and (model_home(model) or model_section(model) or model_kind(model))
    ]


def model_home(model) -> str | None:
    return getattr(model, "public_home", None)


def model_section(model) -> str | None:
    return getattr(model, "public_section", None)


def model_kind(model) -> str | None:
    return getattr(model, "search_kind", None)


def is_item_model(model) -> bool:
    """An item of a section: served at /<section>/<slug>/."""
    return bool(model_section(model)) and bool(model_kind(model))


@cache
def desa_home_model() -> type:
    """The page model of a desa's home (the page owning a desa's content)."""
    return next(model for model in public_models() if model_home(model) == DESA)


@cache
def item_models() -> tuple[type, ...]:
    """Every item page model, in tree order: the order in which the desa home
    lists its sections (news, tourism, wisdom, development)."""
    items = [model for model in public_models() if is_item_model(model)]
    order = {section: n for n, section in enumerate(section_order())}
    return tuple(sorted(items, key=lambda model: order.get(model_section(model), 0)))


def section_order() -> list[str]:
    """The section path segments in the order the desa home allows them."""
    return list(section_index_models())


@cache
def section_index_models() -> dict[str, type]:
    """The index page model of each section, by path segment, in tree
    order: {"berita": NewsIndexPage, ...}."""
    return {
        model_section(model): model
        for model in desa_home_model().allowed_subpage_models()
        if model_section(model) and not is_item_model(model)
    }


@cache
def section_item_models() -> dict[str, type]:
    """The item page model of each section, by path segment:
    {"berita": NewsPage, ...}, in tree order."""
    return {model_section(model): model for model in item_models()}


def item_model_for_section(section: str) -> type | None:
    return section_item_models().get(section)


@cache
def kind_item_models() -> dict[str, type]:
    """The item page model of each kind: {"news": NewsPage, ...}, in tree
    order."""
    return {model_kind(model): model for model in item_models()}


def kinds() -> tuple[str, ...]:
    """The kinds of items, in tree order: ("news", "tourism", "wisdom",
    "development"). What the search API's `kind` and the search index's
    records name."""
    return tuple(kind_item_models())


def item_model_for_kind(kind: str) -> type | None:
    return kind_item_models().get(kind)


def kind_labels() -> dict[str, str]:
    """The name of each kind for readers, in tree order: the title its
    section's index page is given ({"news": "Berita", ...} in Indonesian)."""
    indexes = section_index_models()
    return {
        kind: str(indexes[model_section(model)].default_title)
        for kind, model in kind_item_models().items()
    }
