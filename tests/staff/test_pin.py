"""The staff PIN: hashing, checking, and `kiosk set-pin` writing the config file."""

from __future__ import annotations

import base64
import functools
import getpass
import hashlib
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config, with_pin_hash
from kiosk.staff import pin as pin_module
from kiosk.staff.pin import hash_pin, is_pin_hash, pin_problem, verify_pin

PIN = "73915"
STORED = re.compile(r"scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=")


@functools.cache
def stored_pin() -> str:
    """One hash of PIN at the kiosk's full cost (half a second), made once for all tests."""
    return hash_pin(PIN)


def names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- hashing and checking ---------------------------------------------------


def test_hash_and_verify_round_trip():
    stored = stored_pin()
    assert STORED.fullmatch(stored), stored
    assert is_pin_hash(stored)
    assert verify_pin(PIN, stored)


@pytest.mark.parametrize("wrong", ["73916", "7391", "739150", "", " 73915", "73915\n", "٧٣٩١٥"])
def test_a_wrong_pin_does_not_verify(wrong, monkeypatch):
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2)  # the cost stored is the cost checked
    assert not verify_pin(wrong, hash_pin(PIN))


def test_every_hash_has_its_own_salt(monkeypatch):
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2)
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first.split("$")[4] != second.split("$")[4]
    assert first != second
    assert verify_pin(PIN, first)
    assert verify_pin(PIN, second)


def test_hashes_stored_with_the_earlier_cost_still_verify():
    # What kiosk set-pin wrote before the cost went up: n = 2**14.
    salt = bytes(range(16))
    digest = hashlib.scrypt(PIN.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    stored = f"scrypt$16384$8$1${b64(salt)}${b64(digest)}"
    assert verify_pin(PIN, stored)
    assert not verify_pin("73916", stored)


def test_the_stored_value_describes_itself():
    # Other cost parameters, written by hand: verified with the ones stored.
    salt = bytes(range(16))
    digest = hashlib.scrypt(PIN.encode(), salt=salt, n=2**10, r=4, p=2, dklen=32)
    stored = f"scrypt$1024$4$2${b64(salt)}${b64(digest)}"
    assert is_pin_hash(stored)
    assert verify_pin(PIN, stored)
    assert not verify_pin("73916", stored)


def _valid_parts() -> list[str]:
    return stored_pin().split("$")


def _with(index: int, value: str) -> str:
    parts = _valid_parts()
    parts[index] = value
    return "$".join(parts)


MALFORMED: list[Callable[[], object]] = [
    lambda: "",
    lambda: PIN,
    lambda: "scrypt",
    lambda: "scrypt$16384$8$1$",
    lambda: stored_pin() + "$",
    lambda: stored_pin().replace("$", ":"),
    lambda: _with(0, "bcrypt"),
    lambda: _with(0, "SCRYPT"),
    lambda: _with(1, "16383"),  # not a power of two
    lambda: _with(1, "1"),
    lambda: _with(1, "0"),
    lambda: _with(1, "016384"),
    lambda: _with(1, "-16384"),
    lambda: _with(1, "2147483648"),  # would need 256 GiB
    lambda: _with(1, "2097152"),  # 2 GiB: more than the 192 MiB allowed
    lambda: _with(2, "0"),
    lambda: _with(2, "eight"),
    lambda: _with(3, "99"),  # 99x the work: a config file must not stall the kiosk
    lambda: _with(3, "\uff11"),  # a full-width digit one
    lambda: _with(4, "not base64!"),
    lambda: _with(4, b64(b"short salt")),
    lambda: _with(4, _valid_parts()[4].rstrip("=")),  # padding lost
    lambda: _with(5, b64(bytes(31))),
    lambda: _with(5, b64(bytes(33))),
    lambda: _with(5, "é" * 44),
    lambda: stored_pin() + "\n",
    lambda: " " + stored_pin(),
    lambda: None,
    lambda: 1234,
    lambda: stored_pin().encode(),
]


@pytest.mark.parametrize("make", MALFORMED)
def test_a_malformed_stored_value_never_verifies_nor_raises(make):
    stored = make()
    assert not is_pin_hash(stored)  # type: ignore[arg-type]
    assert verify_pin(PIN, stored) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("1234", None),
        ("12345678", None),
        ("0000", None),
        ("", "no PIN was typed; type 4 to 8 digits"),
        ("123", "the PIN is too short (3 digits); type 4 to 8 digits"),
        ("7", "the PIN is too short (1 digit); type 4 to 8 digits"),
        ("123456789", "the PIN is too long (9 digits); type 4 to 8 digits"),
        (
            "12a4",
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
        (
            "12 34",
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
        (
            "1234\n",
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
        (
            "١٢٣٤",
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
        (
            "12²4",
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
    ],
)
def test_pin_problem(pin, problem):
    assert pin_problem(pin) == problem


def test_hash_pin_refuses_a_pin_that_is_not_4_to_8_digits():
    with pytest.raises(ValueError, match=r"the PIN is too short \(3 digits\)"):
        hash_pin("123")


# --- kiosk set-pin -------------------------------------------------------------


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """``typed("1234", "1234")``: what the admin types at each getpass prompt; the prompts.

    These tests are about the file: the hash is made at scrypt's lowest cost
    (stored in it, so it verifies all the same), not in half a second.
    """
    monkeypatch.setattr(pin_module, "SCRYPT_N", 2)

    def answer(*answers: str | type[BaseException]) -> list[str]:
        queue = list(answers)
        prompts: list[str] = []

        def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
            prompts.append(prompt)
            item = queue.pop(0)
            if isinstance(item, type):
                raise item
            return item

        monkeypatch.setattr(getpass, "getpass", fake_getpass)
        return prompts

    return answer


def stored_hash(path: Path) -> str:
    hashes = re.findall(r"^staff_pin_hash: (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert len(hashes) == 1, hashes
    return str(hashes[0])


def test_set_pin_creates_the_file_and_its_folder(tmp_path, typed, capsys):
    path = tmp_path / "etc" / "kiosk" / "config.yaml"
    prompts = typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert len(prompts) == 2
    assert verify_pin(PIN, stored_hash(path))
    assert path.read_text(encoding="utf-8") == f"staff_pin_hash: {stored_hash(path)}\n"
    assert load_config(path).values["staff_pin_hash"] == stored_hash(path)
    out, err = capsys.readouterr()
    assert out == f"The staff PIN is set in {path}; restart the kiosk to use it.\n"
    assert PIN not in out + err + "".join(prompts)


def test_set_pin_stores_the_full_cost(tmp_path, monkeypatch):
    answers = iter([PIN, PIN])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="", stream=None: next(answers))
    path = tmp_path / "config.yaml"
    assert main(["set-pin", "--config", str(path)]) == 0
    assert STORED.fullmatch(stored_hash(path))
    assert verify_pin(PIN, stored_hash(path))


def test_set_pin_uses_the_default_location(typed, platform_dirs):
    typed(PIN, PIN)
    assert main(["set-pin"]) == 0
    assert verify_pin(PIN, stored_hash(platform_dirs / "config" / "kiosk" / "config.yaml"))


def test_set_pin_keeps_the_rest_of_the_file(tmp_path, typed):
    path = tmp_path / "config.yaml"
    before = (
        "# Waiting room, ground floor\ncontent: /srv/clinic   # the pack\n\nidle_timeout: 120\n"
    )
    path.write_text(before, encoding="utf-8")
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    after = path.read_text(encoding="utf-8")
    assert after == before + f"staff_pin_hash: {stored_hash(path)}\n"
    assert PIN not in after


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_set_pin_with_sudo_keeps_the_files_owner_and_group(tmp_path, typed):
    # A root:kiosk 0640 config must stay readable by the kiosk user.
    path = tmp_path / "config.yaml"
    path.write_text("idle_timeout: 120\n", encoding="utf-8")
    os.chown(path, 4242, 4343)
    path.chmod(0o640)
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (4242, 4343)
    assert stat.S_IMODE(status.st_mode) == 0o640


def test_set_pin_replaces_the_existing_hash_in_place(tmp_path, typed):
    path = tmp_path / "config.yaml"
    old = hash_pin("1111")
    path.write_bytes(
        f"content: pack\r\nstaff_pin_hash: {old}  # set in May\r\nfullscreen: true".encode()
    )
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    new = stored_hash(path)
    assert new != old
    assert verify_pin(PIN, new)
    assert not verify_pin("1111", new)
    # Line endings, order and the missing final line break are kept.
    assert path.read_bytes() == (
        f"content: pack\r\nstaff_pin_hash: {new}\r\nfullscreen: true".encode()
    )


def test_set_pin_repairs_a_malformed_hash(tmp_path, typed, capsys):
    path = tmp_path / "config.yaml"
    path.write_text("staff_pin_hash: 1234\nstaff_pin_hash: again\n", encoding="utf-8")
    assert main(["config", "--config", str(path)]) == 2  # broken: the kiosk would not start
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == f"staff_pin_hash: {stored_hash(path)}\n"
    assert main(["config", "--config", str(path)]) == 0


@pytest.mark.parametrize(
    "case",
    [
        ((PIN, "73916"), 2, "the two PINs are not the same"),
        (("123", PIN), 1, "the PIN is too short (3 digits); type 4 to 8 digits"),
        (
            ("12ab", "12ab"),
            1,
            "the PIN must be 4 to 8 digits (0-9) only, with no letters, spaces or other signs",
        ),
        (("", ""), 1, "no PIN was typed; type 4 to 8 digits"),
    ],
)
def test_set_pin_refuses_and_changes_nothing(tmp_path, typed, capsys, case):
    answers, asked, message = case
    path = tmp_path / "config.yaml"
    path.write_text("idle_timeout: 120\n", encoding="utf-8")
    prompts = typed(*answers)
    assert main(["set-pin", "--config", str(path)]) == 1
    assert len(prompts) == asked
    assert capsys.readouterr().err == f"kiosk set-pin: {message}. Nothing was changed.\n"
    assert path.read_text(encoding="utf-8") == "idle_timeout: 120\n"
    assert names(tmp_path) == ["config.yaml"]


def test_set_pin_refused_creates_no_file(tmp_path, typed):
    path = tmp_path / "new" / "config.yaml"
    typed(PIN, "00000")
    assert main(["set-pin", "--config", str(path)]) == 1
    assert not path.exists()


@pytest.mark.parametrize("interruption", [EOFError, KeyboardInterrupt])
def test_set_pin_cancelled(tmp_path, typed, capsys, interruption):
    path = tmp_path / "config.yaml"
    typed(PIN, interruption)
    assert main(["set-pin", "--config", str(path)]) == 1
    assert capsys.readouterr().err == "\nkiosk set-pin: cancelled; nothing was changed.\n"
    assert not path.exists()


def test_set_pin_on_a_broken_file_says_so_before_asking(tmp_path, typed, capsys):
    path = tmp_path / "config.yaml"
    broken = "idle_timeout: [120\n"
    path.write_text(broken, encoding="utf-8")
    prompts = typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 1
    assert prompts == []
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:2:1: error: invalid YAML: expected ',' or ']', but got '<stream end>' (while "
        "parsing a flow sequence at line 1, column 15); check the quotes, colons and "
        "indentation",
        f"kiosk set-pin: fix {path} first, then run kiosk set-pin again; nothing was changed.",
    ]
    assert path.read_text(encoding="utf-8") == broken


def test_set_pin_refuses_a_hash_it_cannot_replace_safely(tmp_path, typed, capsys):
    path = tmp_path / "config.yaml"
    text = "staff_pin_hash: >\n  scrypt$16384$8$1$x\n"  # folded over two lines
    path.write_text(text, encoding="utf-8")
    prompts = typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 1
    assert prompts == []
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{path}: error: cannot place the 'staff_pin_hash' line in this file; write it on one "
        "line at the start of a line, or remove it, and run kiosk set-pin again"
    )
    assert path.read_text(encoding="utf-8") == text


def test_set_pin_that_cannot_write_leaves_the_file_and_no_temporary(
    tmp_path, typed, capsys, monkeypatch
):
    path = tmp_path / "config.yaml"
    path.write_text("idle_timeout: 120\n", encoding="utf-8")

    def refuse(self: Path, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 1
    assert capsys.readouterr().err == f"kiosk set-pin: cannot write {path}: Permission denied\n"
    assert path.read_text(encoding="utf-8") == "idle_timeout: 120\n"
    assert names(tmp_path) == ["config.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_set_pin_keeps_the_files_permissions(tmp_path, typed):
    path = tmp_path / "config.yaml"
    path.write_text("idle_timeout: 120\n", encoding="utf-8")
    path.chmod(0o640)
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert names(tmp_path) == ["config.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000], ids=["022", "002", "000"])
def test_a_new_file_is_readable_by_its_owner_only(tmp_path, typed, umask):
    path = tmp_path / "config.yaml"
    typed(PIN, PIN)
    previous = os.umask(umask)
    try:
        assert main(["set-pin", "--config", str(path)]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # whatever the umask would allow
    assert names(tmp_path) == ["config.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_file_in_a_group_folder_is_readable_by_that_group(tmp_path, typed, capsys):
    folder = tmp_path / "etc-kiosk"
    folder.mkdir()
    folder.chmod(0o2750)  # install -d -m 2750 -g kiosk /etc/kiosk
    path = folder / "config.yaml"
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_gid == folder.stat().st_gid
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_config_everyone_can_read_is_kept_but_warned_about(tmp_path, typed, capsys):
    path = tmp_path / "config.yaml"
    path.write_text("idle_timeout: 120\n", encoding="utf-8")
    path.chmod(0o644)
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the kiosk may read it as "others"
    assert capsys.readouterr().err == (
        f"kiosk set-pin: warning: every user of this computer can read {path} (mode 0644), "
        "and a PIN of a few digits can be found from its hash by trying them all; let only "
        f"the kiosk's user or group read it, e.g. sudo chown root:kiosk {path} && "
        f"sudo chmod 640 {path}\n"
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_new_file_only_root_can_read_says_how_to_let_the_kiosk_in(tmp_path, typed, capsys):
    path = tmp_path / "config.yaml"
    typed(PIN, PIN)
    assert main(["set-pin", "--config", str(path)]) == 0
    assert capsys.readouterr().err == (
        f"kiosk set-pin: {path} is new and only root can read it; the kiosk runs as another "
        "user, so let that user's group read it, e.g. "
        f"sudo chown root:kiosk {path} && sudo chmod 640 {path}\n"
    )


def test_set_pin_help_says_what_a_pin_is(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["set-pin", "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "4 to 8 digits" in text
    assert "twice" in text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", "staff_pin_hash: H\n"),
        ("a: 1", "a: 1\nstaff_pin_hash: H\n"),
        ("a: 1\r\n", "a: 1\r\nstaff_pin_hash: H\r\n"),
        ("staff_pin_hash: old\n", "staff_pin_hash: H\n"),
        ("staff_pin_hash:old", "staff_pin_hash: H"),
        (
            "x: 1\nstaff_pin_hash : old\ny: 2\nstaff_pin_hash: dup\n",
            "x: 1\nstaff_pin_hash: H\ny: 2\n",
        ),
        ("# staff_pin_hash: old\n", "# staff_pin_hash: old\nstaff_pin_hash: H\n"),
        ("staff_pin_hash_old: x\n", "staff_pin_hash_old: x\nstaff_pin_hash: H\n"),
    ],
)
def test_with_pin_hash(before, after):
    assert with_pin_hash(before, "H") == after
