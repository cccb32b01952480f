"""Fixtures of the content tests: either of PyYAML's parsers."""

from __future__ import annotations

import pytest
import yaml

from kiosk.content import yamlparsers


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Content is read with libyaml, then again with the pure-Python parser alone,
    as on a kiosk whose PyYAML has no libyaml: the results must not differ."""
    if request.param == "libyaml":
        loader = getattr(yaml, "CSafeLoader", None)
        if loader is None:
            # tests/content/test_yamlparsers.py fails for it, saying what to install.
            pytest.skip("PyYAML has no libyaml here")
    else:
        loader = yamlparsers.PureLoader
    monkeypatch.setattr(yamlparsers, "FastLoader", loader)
    return str(request.param)
