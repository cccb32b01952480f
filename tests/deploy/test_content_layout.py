"""The content layout deploy/README.md sets up and the swap the README documents agree.

The commands are taken from the two documents themselves and run on a
folder under tmp_path (``/srv/kiosk`` moved there, ``sudo`` left out), so a
change to either that breaks the other fails here.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import load_pack

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or sys.platform == "win32", reason="POSIX shell commands"
)


def shell_block_after(document: Path, heading: str) -> list[str]:
    """The command lines of the first ```sh block after the text ``heading``."""
    text = document.read_text(encoding="utf-8")
    start = text.index(heading)
    block = re.search(r"```sh\n(.*?)```", text[start:], re.DOTALL)
    assert block is not None, f"no shell block after {heading!r} in {document}"
    return [line for line in block[1].splitlines() if line.strip()]


def run_documented(lines: list[str], root: Path, usb: Path) -> None:
    script = "\n".join(
        line.removeprefix("sudo ")
        .replace("/srv/kiosk", str(root))
        .replace("/media/usb/my-pack", str(usb))
        .replace("/opt/kiosk/.venv/bin/kiosk", f"{shlex.quote(sys.executable)} -m kiosk")
        for line in lines
    )
    # `kiosk check` as documented: without a path it would check the bundled pack.
    script = re.sub(r"(?m)^kiosk check", f"{shlex.quote(sys.executable)} -m kiosk check", script)
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=root.parent, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{script}\n{done.stdout}{done.stderr}"


def test_the_first_pack_then_a_swap_as_documented(tmp_path: Path, write_pack):
    root = tmp_path / "srv-kiosk"
    usb = write_pack({"a": ("First pack?", "Yes.")})
    install = shell_block_after(REPO / "deploy" / "README.md", "**4. Copy your content pack**")
    run_documented(install, root, usb)
    current = root / "current"
    assert current.is_symlink()
    assert [t.question for t in load_pack(current).topics] == ["First pack?"]

    # Months later: the README's swap, with its pack copied from the working folder.
    new = write_pack({"b": ("December pack?", "Yes.")})
    shutil.copytree(new, tmp_path / "pack-2026-12")
    swap = shell_block_after(REPO / "README.md", "To swap a whole pack at once")
    run_documented(swap, root, usb)
    assert current.is_symlink()
    assert Path(current.readlink()) == Path("packs/pack-2026-12")
    assert [t.question for t in load_pack(current).topics] == ["December pack?"]
    assert not (root / "current.tmp").exists()
    assert load_pack(root / "packs" / "first").topics  # the old pack is still there
