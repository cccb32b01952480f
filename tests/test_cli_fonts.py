"""`kiosk check` warns about characters no installed font can draw."""

from __future__ import annotations

import os

from kiosk.cli import main
from kiosk.paths import bundled_content


def test_check_locates_a_character_no_font_has_and_still_passes(qapp, capsys, write_pack):
    pack = write_pack(
        {"hours": ("When do you open?", "We open at 8.\nAsk at the desk \ue000 or call.")},
        welcome="Tap a question \ue000\U000f0000.",
    )
    assert main(["check", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert out == "OK: 1 topic\n"
    boxes = (
        "patients would see empty boxes. It is a private-use or unassigned character that "
        "no font package draws; replace it"
    )
    assert err.splitlines() == [
        f"{os.path.join(str(pack), 'kiosk.yaml')}:3:26: warning: 'welcome' has characters no "
        f"installed font can draw: U+E000 '\ue000' (and 1 more); {boxes}",
        f"{os.path.join(str(pack), 'topics', 'hours.yaml')}:5:19: warning: 'answer' has "
        f"characters no installed font can draw: U+E000 '\ue000'; {boxes}",
    ]


def test_check_is_quiet_about_text_the_bundled_fonts_draw(qapp, capsys, write_pack):
    pack = write_pack(
        {"hours": ("¿Cuándo abren?", "Abrimos a las 8 — “siempre”.\n\u0646\u0641\u062a\u062d")},
        title="Clínica \u0639\u064a\u0627\u062f\u0629",
    )
    assert main(["check", str(pack)]) == 0
    assert capsys.readouterr() == ("OK: 1 topic\n", "")


def test_check_of_the_bundled_pack_warns_about_no_character(capsys):
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert "font" not in out + err
    assert err.startswith(f"{bundled_content()}/kiosk.yaml: warning: no topic says when")
    assert err.count("\n") == 1  # that the pack has no review dates, only
