"""Before Qt starts on X11: can its xcb platform plugin be loaded here?

Without one of the X libraries that Qt's xcb plugin links (libxcb-cursor0 is
the usual one on a minimal Debian), Qt aborts the whole process ("Fatal
Python error: Aborted", exit status 134) with a message that names a
different library. So, on Linux, when Qt is about to choose xcb, the kiosk
reads which libraries the plugin and its Qt helper library need (their
ELF DT_NEEDED entries, with pyelftools, from the PySide6 installed), tries
to load each that is not part of Qt with the system's loader (ctypes), and
says in one sentence which Debian packages to install.

Plain Python, no Qt: it must run before Qt is loaded.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

# Where the name is not the soname's (libfoo.so.N -> libfooN, libfoo2.so.N -> libfoo2-N).
_PACKAGES = {
    "libGLdispatch.so.0": "libglvnd0",
    "libgcc_s.so.1": "libgcc-s1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libm.so.6": "libc6",
    "libz.so.1": "zlib1g",
}
# The loader names the library it could not find first in its message.
_NOT_FOUND = re.compile(r"^(?P<soname>[^:\s]+\.so(?:\.[0-9]+)*): cannot open shared object file")
_SONAME = re.compile(r"(?P<name>.+)\.so\.(?P<version>[0-9]+)")


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (libxcb-cursor.so.0: libxcb-cursor0)."""
    if soname in _PACKAGES:
        return _PACKAGES[soname]
    match = _SONAME.fullmatch(soname)
    if match is None:
        return soname
    name = match["name"].lower()
    return f"{name}-{match['version']}" if name[-1].isdigit() else name + match["version"]


def qt_platform(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first: QT_QPA_PLATFORM's first choice,
    else wayland in a Wayland session, else xcb (Qt 6 on Linux)."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    return "wayland" if env.get("WAYLAND_DISPLAY") else "xcb"


def _pyside_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def needed_libraries(files: Iterable[Path]) -> list[str]:
    """The DT_NEEDED sonames of ``files``, in order, each once."""
    from elftools.elf.dynamic import DynamicSection  # noqa: PLC0415 - only on this path
    from elftools.elf.elffile import ELFFile  # noqa: PLC0415

    names: list[str] = []
    for path in files:
        with path.open("rb") as stream:
            for section in ELFFile(stream).iter_sections():
                if isinstance(section, DynamicSection):
                    for tag in section.iter_tags("DT_NEEDED"):
                        # set by pyelftools for DT_NEEDED tags; its type hints lack it
                        name = str(getattr(tag, "needed", ""))
                        if name and name not in names:
                            names.append(name)
    return names


def missing_libraries(sonames: Iterable[str], load: Callable[[str], object]) -> list[str]:
    """The sonames that cannot be loaded: each itself, or what the loader says it lacks."""
    missing: list[str] = []
    for soname in sonames:
        try:
            load(soname)
        except OSError as exc:
            found = _NOT_FOUND.match(str(exc))
            lacking = found["soname"] if found else soname
            if lacking not in missing:
                missing.append(lacking)
    return missing


def xcb_problem(
    env: Mapping[str, str],
    *,
    pyside_dir: Path | None = None,
    load: Callable[[str], object] | None = None,
) -> str | None:
    """One sentence saying what to install when Qt's xcb plugin cannot load, else None.

    ``load``: the system's loader (ctypes.CDLL) unless given. Only on Linux
    and only when Qt will choose xcb; anything this check
    cannot read (another PySide6 layout, say) is left to Qt.
    """
    if not sys.platform.startswith("linux") or qt_platform(env) != "xcb":
        return None
    pyside = pyside_dir or _pyside_dir()
    if pyside is None:
        return None
    qt_libs = pyside / "Qt" / "lib"
    plugin = pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    files = [plugin, qt_libs / "libQt6XcbQpa.so.6"]
    try:
        needed = needed_libraries(path for path in files if path.exists())
    except (OSError, ImportError, ValueError):  # unreadable, or pyelftools missing
        return None
    system = [name for name in needed if not (qt_libs / name).exists()]
    missing = missing_libraries(system, load or ctypes.CDLL)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(name) for name in missing))
    return (
        f"kiosk: Qt cannot open a window on X11 here, because {', '.join(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} missing; on Debian or Ubuntu: "
        f"sudo apt install {packages}"
    )
