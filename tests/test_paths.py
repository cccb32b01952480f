"""The bundled pack and resources are found wherever the package is installed."""

from __future__ import annotations

from kiosk.content import load_pack
from kiosk.paths import bundled_content, resource


def test_bundled_pack_is_found_and_valid():
    pack = load_pack(bundled_content())
    assert len(pack.topics) == 10


def test_resources_are_found():
    assert resource("kiosk.qss").is_file()
    assert resource("icons", "home.svg").is_file()
