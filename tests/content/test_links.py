"""A take-home 'link', checked where the admin writes it: kiosk.yaml,
kiosk.<lang>.yaml, a topic and its translation. Each problem line is part
of the contract with the admin (as in test_loader.py): the exact wording,
file, line and column are asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import ContentError, load_pack
from kiosk.content.links import link_problem

PACK = {
    "kiosk.yaml": "schema: 1\ntitle: Clinic\nlanguages: [en, es]\n",
    "kiosk.es.yaml": "title: Clínica\n",
    "topics/a.yaml": "question: A?\nanswer: A.\n",
    "topics/a.es.yaml": "question: ¿A?\nanswer: A.\n",
}


def write(folder: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    return [str(p).replace(str(folder), "{pack}") for p in info.value.problems]


EXAMPLE = "such as https://example.org/page"
SECRET = "s3cret-Pw"

# (the link as written in a topic, the message after "{pack}/topics/a.yaml:3:7: error: ")
BROKEN = [
    pytest.param(
        "javascript:alert(1)",
        "'link' is a 'javascript:' address, which a phone would run or open on itself, not a "
        f"web page; write a web address starting with https://, {EXAMPLE}",
        id="javascript",
    ),
    pytest.param(
        "JavaScript:alert(1)",
        "'link' is a 'javascript:' address, which a phone would run or open on itself, not a "
        f"web page; write a web address starting with https://, {EXAMPLE}",
        id="javascript-capitals",
    ),
    pytest.param(
        "data:text/html;base64,PHNjcmlwdD4=",
        "'link' is a 'data:' address, which a phone would run or open on itself, not a "
        f"web page; write a web address starting with https://, {EXAMPLE}",
        id="data",
    ),
    pytest.param(
        "file:///etc/passwd",
        "'link' is a 'file:' address, which a phone would run or open on itself, not a "
        f"web page; write a web address starting with https://, {EXAMPLE}",
        id="file",
    ),
    pytest.param(
        "http://clinic.example/tms",
        "'link' must start with https://, not http://: a phone is told to trust only secure "
        "pages; write the same address with https:// if the site has one",
        id="http",
    ),
    pytest.param(
        "http://user:s3cret@clinic.example/tms",
        "'link' must start with https://, not http://: a phone is told to trust only secure "
        "pages; write the same address with https:// if the site has one, and remove the "
        "user name or password (the part before '@')",
        id="http-with-password",
    ),
    pytest.param(
        "ftp://clinic.example/tms",
        f"'link' must start with https://, {EXAMPLE}",
        id="ftp",
    ),
    pytest.param(
        "https:clinic.example",
        f"'link' must start with https://, {EXAMPLE}",
        id="https-without-slashes",
    ),
    pytest.param(
        "www.clinic.example/tms",
        f"'link' is not a web address; write one starting with https://, {EXAMPLE}",
        id="no-scheme",
    ),
    pytest.param(
        "https:///tms",
        f"'link' has no site name after https://; write one {EXAMPLE}",
        id="no-host",
    ),
    pytest.param(
        f"https://nurse:{SECRET}@clinic.example/tms",
        "'link' holds a user name or password (the part before '@'); remove it: "
        "anyone who scans the code would see it",
        id="user-and-password",
    ),
    pytest.param(
        f"https://{SECRET}@clinic.example/",
        "'link' holds a user name or password (the part before '@'); remove it: "
        "anyone who scans the code would see it",
        id="user-name",
    ),
    pytest.param(
        f"nurse:{SECRET}@clinic.example/tms",
        f"'link' must start with https://, {EXAMPLE}",
        id="password-without-https",
    ),
    pytest.param(
        f"https://nurse:{SECRET}@clinic.example:99999/",
        "'link' holds a user name or password (the part before '@'); remove it: "
        "anyone who scans the code would see it",
        id="password-and-bad-port",
    ),
    pytest.param(
        '"https://clinic.example/stroke recovery"',
        "'link' holds a space (U+0020, character 30); an address has none: remove it, "
        "or write a space as %20",
        id="space",
    ),
    pytest.param(
        '"https://clinic.example/\\ttms"',
        "'link' holds a space (U+0009, character 24); an address has none: remove it, "
        "or write a space as %20",
        id="tab",
    ),
    pytest.param(
        '"https://clinic.example/\\u200btms"',
        "'link' holds an invisible control character (U+200B, character 24); an address "
        "has none: remove it, or write a space as %20",
        id="zero-width-space",
    ),
    pytest.param(
        "https://clinic.example\\@evil.example/",
        "'link' holds a backslash (character 23); web addresses use '/'",
        id="backslash",
    ),
    pytest.param(
        "https://clinic_main.example/",
        "'link' has an invalid site name 'clinic_main.example'; a phone needs a public site "
        "name such as example.org",
        id="underscore-in-host",
    ),
    pytest.param(
        "https://-clinic.example/",
        "'link' has an invalid site name '-clinic.example'; a phone needs a public site "
        "name such as example.org",
        id="hyphen-first",
    ),
    pytest.param(
        "https://clinic..example/",
        "'link' has an invalid site name 'clinic..example'; a phone needs a public site "
        "name such as example.org",
        id="empty-label",
    ),
    pytest.param(
        "https://intranet/tms",
        "'link' has an invalid site name 'intranet'; a phone needs a public site "
        "name such as example.org",
        id="no-domain",
    ),
    pytest.param(
        "https://192.168.1.20/tms",
        "'link' points at a numbered address (192.168.1.20), which a phone outside the "
        "clinic's network cannot reach; use the site's name",
        id="ip-address",
    ),
    pytest.param(
        "https://[fe80::1]/tms",
        "'link' points at a numbered address, which a phone outside the clinic's network "
        "cannot reach; use the site's name",
        id="ipv6-address",
    ),
    pytest.param(
        "https://[fe80::1/tms",
        f"'link' has an invalid site name after https://; write one {EXAMPLE}",
        id="unclosed-bracket",
    ),
    pytest.param(
        "https://clinic.example:80a/tms",
        "'link' has an invalid port ':80a' after the site name; remove it, or write a "
        "number from 1 to 65535",
        id="port-not-a-number",
    ),
    pytest.param(
        "https://clinic.example:70000/tms",
        "'link' has an invalid port ':70000' after the site name; remove it, or write a "
        "number from 1 to 65535",
        id="port-too-high",
    ),
    pytest.param(
        "https://bücher.example/ictus",
        "'link' has a site name in another script; write its ASCII form, "
        "xn--bcher-kva.example, which every phone opens and shows as it is",
        id="international-host",
    ),
    pytest.param(
        "https://clinic.example/recuperación",
        "'link' holds letters outside ASCII or characters an address may not hold; "
        "write it as https://clinic.example/recuperaci%C3%B3n",
        id="accent-in-path",
    ),
    pytest.param(
        "https://printer.local/tms",
        "'link' has the site name 'printer.local', which only a local network knows; a patient's "
        "phone cannot open it: use the site's public name, such as example.org",
        id="printer.local",
    ),
    pytest.param(
        "https://kiosk.localhost/tms",
        "'link' has the site name 'kiosk.localhost', which only a local network knows; a patient's "
        "phone cannot open it: use the site's public name, such as example.org",
        id="kiosk.localhost",
    ),
    pytest.param(
        "https://wiki.clinic.internal/tms",
        "'link' has the site name 'wiki.clinic.internal', which only a local network knows; "
        "a patient's phone cannot open it: use the site's public name, such as example.org",
        id="wiki.clinic.internal",
    ),
    pytest.param(
        "https://nas.Home.Arpa/tms",
        "'link' has the site name 'nas.Home.Arpa', which only a local network knows; a patient's "
        "phone cannot open it: use the site's public name, such as example.org",
        id="nas.Home.Arpa",
    ),
    pytest.param(
        "https://clinic.example/recuperación?token=s3cr3t",
        "'link' holds letters outside ASCII or characters an address may not hold; "
        "write it as https://clinic.example/recuperaci%C3%B3n?... with what follows '?' "
        "written with %-escapes too, such as %C3%B3 for ó",
        id="accent-before-a-query",
    ),
    pytest.param(
        "https://clinic.example/a#token=séance",
        "'link' holds letters outside ASCII or characters an address may not hold; "
        "write it as https://clinic.example/a#... with what follows '#' "
        "written with %-escapes too, such as %C3%B3 for ó",
        id="accent-in-a-fragment",
    ),
    pytest.param(
        "https://clinic.example/a<b>",
        "'link' holds letters outside ASCII or characters an address may not hold; "
        "write it as https://clinic.example/a%3Cb%3E",
        id="angle-brackets",
    ),
    pytest.param(
        "https://clinic.example/" + "a" * 278,
        "'link' is 301 characters long; the limit is 300: use a shorter address",
        id="too-long",
    ),
]


@pytest.mark.parametrize(("written", "message"), BROKEN)
def test_a_broken_link_in_a_topic_is_located(tmp_path: Path, written: str, message: str) -> None:
    files = {**PACK, "topics/a.yaml": f"question: A?\nanswer: A.\nlink: {written}\n"}
    assert problems(write(tmp_path / "pack", files)) == [
        f"{{pack}}/topics/a.yaml:3:7: error: {message}"
    ]


def test_a_password_is_never_repeated(tmp_path: Path) -> None:
    files = {
        **PACK,
        "topics/a.yaml": f"question: A?\nanswer: A.\nlink: https://nurse:{SECRET}@x.example/\n",
    }
    with pytest.raises(ContentError) as info:
        load_pack(write(tmp_path / "pack", files))
    assert SECRET not in str(info.value)
    assert "nurse" not in str(info.value)


@pytest.mark.parametrize(
    ("file", "text", "place"),
    [
        ("kiosk.yaml", "schema: 1\ntitle: Clinic\nlanguages: [en, es]\nlink: {link}\n", "4:7"),
        ("kiosk.es.yaml", "title: Clínica\n\nlink:   {link}\n", "3:9"),
        ("topics/a.yaml", "question: A?\nlink: {link}\nanswer: A.\n", "2:7"),
        ("topics/a.es.yaml", "question: ¿A?\nanswer: A.\nlink: {link}\n", "3:7"),
    ],
)
def test_every_file_that_may_give_a_link_locates_its_problem(
    tmp_path: Path, file: str, text: str, place: str
) -> None:
    files = {**PACK, file: text.format(link="http://clinic.example/")}
    assert problems(write(tmp_path / "pack", files)) == [
        f"{{pack}}/{file}:{place}: error: 'link' must start with https://, not http://: a "
        "phone is told to trust only secure pages; write the same address with https:// if "
        "the site has one"
    ]


@pytest.mark.parametrize(
    "link",
    [
        "https://clinic.example/",
        "https://www.stroke.org.uk/what-is-stroke",
        "HTTPS://Clinic.Example/TMS?lang=es#side-effects",
        "https://clinic.example:8443/tms",
        "https://xn--bcher-kva.example/ictus",
        "https://clinic.example/recuperaci%C3%B3n",
        "https://clinic.example./tms",
        "https://clinic.example/" + "a" * 277,
    ],
)
def test_plain_https_addresses_load(tmp_path: Path, link: str) -> None:
    files = {**PACK, "topics/a.yaml": f"question: A?\nanswer: A.\nlink: {link}\n"}
    assert load_pack(write(tmp_path / "pack", files)).topic("a").link == link


def test_nothing_is_rewritten() -> None:
    # What the file holds is what the code holds: problems only, no fixing.
    assert link_problem("https://clinic.example/a%20b") is None
