"""The import contract (.importlinter, run by `lint-imports` in CI) names
the CMS's apps one by one: a new app (say cms/potensi) that it does not name
would escape every rule. Each app must sit in a layer."""

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRING = {"cms.settings"}  # with cms/urls.py: may import any layer


def cms_apps() -> set[str]:
    return {f"cms.{init.parent.name}" for init in (ROOT / "cms").glob("*/__init__.py")}


def layered(contract: str) -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    section = config[f"importlinter:contract:{contract}"]
    assert section["type"] == "layers"
    return set(re.findall(r"[\w.]+", section["layers"]))


def test_every_cms_app_is_below_or_above_core():
    assert cms_apps() - WIRING == layered("core-below-content")


def test_every_content_app_is_below_api_and_search():
    content = cms_apps() - WIRING - {"cms.core"}
    assert content <= layered("content-below-api-and-search")
    assert content <= layered("layers")
