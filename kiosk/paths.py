"""Where the bundled content pack and resources are, installed or not."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries them inside the package (see pyproject.toml); a source
    # checkout or an editable install has them at the top of the repository.
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def bundled_content() -> Path:
    return _bundled("content")


def resource(*parts: str) -> Path:
    return _bundled("resources").joinpath(*parts)
