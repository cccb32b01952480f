"""deploy/ansible's kiosk role does what deploy/README.md does by hand.

The role is read as data (its YAML files, its template's text) and compared
with the repository: the manual steps in deploy/README.md, the unit in
deploy/linux/, the config keys `kiosk check --config` accepts. Ansible is not
needed, except for one test that renders the config template with Ansible
itself (skipped without it; CI installs it and sets KIOSK_TESTS_NEED_ANSIBLE=1
so that it runs there).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.config import CONFIG_KEYS, resolve_settings
from kiosk.staff.pin import hash_pin, verify_pin

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
ANSIBLE = DEPLOY / "ansible"
ROLE = ANSIBLE / "roles" / "kiosk"
TEMPLATE = ROLE / "templates" / "config.yaml.j2"
NEED_ANSIBLE = "KIOSK_TESTS_NEED_ANSIBLE"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def role_vars() -> dict[str, Any]:
    """The role's fixed values (vars/main.yml), with ``{{ name }}`` references filled in."""
    raw: dict[str, Any] = load(ROLE / "vars" / "main.yml")
    known: dict[str, Any] = {"role_path": str(ROLE)}

    def fill(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return re.sub(
            r"\{\{ *(\w+) *\}\}",
            lambda m: str(fill(known[m[1]] if m[1] in known else raw[m[1]])),
            value,
        )

    return {name: fill(value) for name, value in raw.items()}


def tasks(name: str) -> list[dict[str, Any]]:
    """The tasks of roles/kiosk/tasks/<name>.yml, blocks flattened."""
    found: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found.append(item)
            for part in ("block", "rescue", "always"):
                walk(item.get(part, []))

    walk(load(ROLE / "tasks" / f"{name}.yml"))
    return found


def module_args(task: dict[str, Any], module: str) -> dict[str, Any]:
    args = task.get(f"ansible.builtin.{module}")
    assert isinstance(args, dict), f"{task.get('name')!r} is not an ansible.builtin.{module} task"
    return args


def shell_block_after(document: Path, heading: str) -> str:
    """The first ```sh block after the text ``heading``, continuation lines joined."""
    text = document.read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text[text.index(heading) :], re.DOTALL)
    assert block is not None, f"no shell block after {heading!r} in {document}"
    return block[1].replace("\\\n", " ")


def apt_installed(script: str) -> set[str]:
    packages: set[str] = set()
    for line in script.splitlines():
        words = shlex.split(line, comments=True)
        if words[:3] == ["sudo", "apt", "install"]:
            packages.update(word for word in words[3:] if not word.startswith("-"))
    return packages


# -- The unit and its start script -------------------------------------------


def test_the_role_installs_the_repositorys_own_unit_and_start_script():
    fixed = role_vars()
    assert Path(fixed["kiosk_unit_src"]).resolve() == DEPLOY / "linux" / "kiosk.service"
    assert Path(fixed["kiosk_cage_src"]).resolve() == DEPLOY / "linux" / "kiosk-cage.sh"
    copied = {
        module_args(task, "copy")["src"]: module_args(task, "copy")
        for task in tasks("service")
        if "ansible.builtin.copy" in task
    }
    assert copied["{{ kiosk_unit_src }}"]["dest"] == "{{ kiosk_unit_path }}"
    assert copied["{{ kiosk_cage_src }}"]["dest"] == "{{ kiosk_cage_path }}"
    assert copied["{{ kiosk_cage_src }}"]["mode"] == "u=rwx,g=rx,o=rx"  # install -m 755
    # Copied from deploy/linux/, never from a copy of its own inside the role.
    assert not [p.name for p in ROLE.rglob("*") if p.name in ("kiosk.service", "kiosk-cage.sh")]


def test_the_unit_starts_what_the_role_installs_where_it_installs_it():
    fixed = role_vars()
    unit = (DEPLOY / "linux" / "kiosk.service").read_text(encoding="utf-8")
    exec_start = re.search(r"(?m)^ExecStart=(.*)$", unit)
    assert exec_start is not None
    words = exec_start[1].split()
    assert words[0] == fixed["kiosk_cage_path"]
    assert words[1] == fixed["kiosk_bin"]
    assert words[words.index("--config") + 1] == fixed["kiosk_config_file"]
    assert f"\nUser={fixed['kiosk_user']}\n" in unit
    assert Path(fixed["kiosk_unit_path"]).name == "kiosk.service"
    # StateDirectory=kiosk is the kiosk user's home, as in step 2.
    assert "\nStateDirectory=kiosk\n" in unit
    assert fixed["kiosk_home"] == "/var/lib/kiosk"


# -- System packages, user, back doors ---------------------------------------


def test_the_role_installs_every_package_of_step_1():
    fixed = role_vars()
    readme = DEPLOY / "README.md"
    step_1 = shell_block_after(readme, "**1. Install the programs the kiosk needs.**")
    needed = apt_installed(step_1)
    for_listen = apt_installed(shell_block_after(readme, "For **Listen**"))
    assert "cage" in needed
    assert "speech-dispatcher" in for_listen
    assert needed <= set(fixed["kiosk_packages"])
    assert for_listen <= set(fixed["kiosk_speech_packages"])
    # ... and the apt task installs both lists (the speech one with kiosk_speech).
    (apt,) = (task for task in tasks("packages") if "ansible.builtin.apt" in task)
    names = module_args(apt, "apt")["name"]
    assert "kiosk_packages" in names
    assert "kiosk_speech_packages if kiosk_speech" in names


def test_the_kiosk_user_is_the_one_step_2_creates():
    script = shell_block_after(DEPLOY / "README.md", "**2. Create the kiosk's own user.**")
    words = shlex.split(script)
    (user_task,) = (task for task in tasks("user") if "ansible.builtin.user" in task)
    user = module_args(user_task, "user")
    fixed = role_vars()
    assert words[words.index("--home-dir") + 1] == fixed["kiosk_home"]
    assert words[words.index("--shell") + 1] == user["shell"]
    assert words[-1] == fixed["kiosk_user"]
    assert "--system" in words and user["system"] is True
    assert "--create-home" in words and user["create_home"] is True


def test_speech_dispatcher_plays_to_the_sound_card_as_step_1_says():
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    setting = re.search(r"speechd\.conf` \(owned by `kiosk`\):\n\n```\n(.*?)```", text, re.DOTALL)
    assert setting is not None
    (copy_task,) = (t for t in tasks("user") if "ansible.builtin.copy" in t)
    copied = module_args(copy_task, "copy")
    assert copied["content"] == setting[1]
    assert copied["dest"] == "{{ kiosk_home }}/.config/speech-dispatcher/speechd.conf"
    assert copied["owner"] == "{{ kiosk_user }}"


def test_the_back_doors_of_step_9_are_closed_the_same_way():
    script = shell_block_after(DEPLOY / "README.md", "**9. Close the back doors on the keyboard.**")
    masked = [
        unit
        for line in script.splitlines()
        if line.startswith("sudo systemctl mask ")
        for unit in line.split()[3:]
    ]
    written = {
        shlex.split(line)[-1]: shlex.split(line)[1].encode().decode("unicode_escape")
        for line in script.splitlines()
        if line.startswith(("printf ", "echo ")) and "| sudo tee " in line
    }
    fixed = role_vars()
    assert masked and sorted(masked) == sorted(fixed["kiosk_masked_units"])
    copies = {
        module_args(t, "copy")["dest"]: module_args(t, "copy")["content"]
        for t in tasks("lockdown")
        if "ansible.builtin.copy" in t
    }
    assert len(written) == 2
    for dest, content in written.items():
        assert copies[dest].strip() == content.strip(), dest


# -- The program, and what a failed run leaves to the next one ---------------


def conditions(task: dict[str, Any]) -> str:
    when = task.get("when", [])
    return " and ".join(when if isinstance(when, list) else [str(when)])


def test_a_failed_program_install_is_tried_again_at_the_next_run():
    program = tasks("program")
    (install,) = (t for t in program if "block" in t)
    names = [t["name"] for t in install["block"]]
    pips = [t for t in install["block"] if "ansible.builtin.pip" in t]
    assert len(pips) == 2
    # Installed or not is read from the kiosk (the stamp), never from this
    # run's copy: a copy made by a run whose pip failed is unchanged at the
    # next run, which must install it all the same.
    assert "changed" not in conditions(install)
    assert all("changed" not in conditions(t) for t in install["block"])
    assert conditions(install) == "not kiosk_program_installed | bool"
    (compare,) = (
        t for t in program if "kiosk_program_installed" in t.get("ansible.builtin.set_fact", {})
    )
    installed = compare["ansible.builtin.set_fact"]["kiosk_program_installed"]
    assert "kiosk_program_stamp_read.content" in installed
    assert "== kiosk_program_stamp" in installed
    # The stamp goes before pip starts and comes back only after both steps.
    (removed,) = (t for t in install["block"] if "ansible.builtin.file" in t)
    assert module_args(removed, "file") == {
        "path": "{{ kiosk_program_stamp_path }}",
        "state": "absent",
    }
    (written,) = (t for t in install["block"] if "ansible.builtin.copy" in t)
    assert module_args(written, "copy")["dest"] == "{{ kiosk_program_stamp_path }}"
    assert module_args(written, "copy")["content"] == "{{ kiosk_program_stamp }}\n"
    assert names.index(removed["name"]) < names.index(pips[0]["name"])
    assert names.index(written["name"]) == len(names) - 1
    # The stamp lives in the venv: a venv made again is installed again.
    assert role_vars()["kiosk_program_stamp_path"].startswith(role_vars()["kiosk_venv"] + "/")
    # A venv whose creation failed half-way (no pip yet) is made again.
    (venv,) = (t for t in program if "ansible.builtin.command" in t)
    assert module_args(venv, "command")["creates"] == "{{ kiosk_venv }}/bin/pip"


def test_no_task_waits_for_a_change_an_earlier_failed_run_made():
    # A task run only when an earlier task changed something is skipped by
    # the next run if this one failed in between. Only comparisons made in
    # check mode (which change nothing) may be asked whether they "changed".
    for path in sorted((ROLE / "tasks").glob("*.yml")):
        role_tasks = tasks(path.stem)
        registered = {t["register"]: t for t in role_tasks if "register" in t}
        for task in role_tasks:
            for name in re.findall(r"(\w+)(?: is changed|\.changed)", conditions(task)):
                assert registered[name].get("check_mode") is True, (path.name, task["name"])


def test_handlers_run_even_when_a_later_step_fails():
    # Ansible drops the handlers of a host that fails, and the next run,
    # finding nothing to change, would not notify them again.
    (play,) = load(ANSIBLE / "kiosk.yml")
    assert play["force_handlers"] is True
    handlers = load(ROLE / "handlers" / "main.yml")
    by_name = {h["name"]: h for h in handlers}
    # ... so a new kiosk that failed before its unit was installed is not
    # restarted (systemd would not know it): the restart waits for the unit.
    look = by_name["Look for the kiosk service"]
    assert look["listen"] == "Restart kiosk"
    assert module_args(look, "stat")["path"] == "{{ kiosk_unit_path }}"
    restart = by_name["Restart kiosk"]
    assert restart["when"] == f"{look['register']}.stat.exists"
    assert handlers.index(look) < handlers.index(restart)


# -- The settings file -------------------------------------------------------


def template_keys() -> list[str]:
    """Every top-level key the config template can write, in its order."""
    return re.findall(r"(?m)^([a-z_]+):", TEMPLATE.read_text(encoding="utf-8"))


KNOWN_KEYS = {key.name for key in CONFIG_KEYS}


@pytest.mark.parametrize("key", template_keys())
def test_every_key_the_config_template_writes_is_one_kiosk_check_accepts(key: str):
    assert key in KNOWN_KEYS


def test_the_config_template_can_write_every_key_kiosk_check_accepts():
    assert set(template_keys()) >= KNOWN_KEYS


def test_the_settings_file_is_checked_and_private_as_step_5_says():
    (written,) = (t for t in tasks("config") if "block" in t)
    (template_task,) = (t for t in written["block"] if "ansible.builtin.template" in t)
    template = module_args(template_task, "template")
    assert template["dest"] == "{{ kiosk_config_file }}"
    assert (template["owner"], template["group"]) == ("root", "{{ kiosk_user }}")
    assert template["mode"] == "u=rw,g=r,o="  # chmod 640
    assert template["validate"] == "{{ kiosk_bin }} check --config %s"
    # The file and its diff hold the PIN hash: kept out of Ansible's output.
    assert template_task["no_log"] == "{{ kiosk_staff_pin_hash | length > 0 }}"


def test_the_example_inventory_shows_every_role_setting():
    defaults = set(load(ROLE / "defaults" / "main.yml"))
    # Settings without a default are shown commented out: "# kiosk_name: example".
    commented = re.compile(r"(?m)^#\s*(kiosk_\w+):")
    documented = set(
        commented.findall((ROLE / "defaults" / "main.yml").read_text(encoding="utf-8"))
    )
    example = (ANSIBLE / "inventory.example.yml").read_text(encoding="utf-8")
    inventory = set(re.findall(r"(?m)^\s*(?:#\s*)?(kiosk_\w+):", example))
    assert defaults | documented <= inventory
    # ... and nothing the role does not read (a misspelt name would be ignored).
    assert inventory <= defaults | documented


# -- The config template rendered by Ansible ----------------------------------


def ansible_program() -> Path | None:
    beside_python = Path(sys.executable).parent / "ansible"
    if beside_python.exists():
        return beside_python
    found = shutil.which("ansible")
    return Path(found) if found else None


def render_config(tmp_path: Path, settings: dict[str, Any]) -> Path:
    """config.yaml as the role's template task writes it, rendered by Ansible itself."""
    program = ansible_program()
    if program is None:
        if os.environ.get(NEED_ANSIBLE) == "1":
            pytest.fail(f"{NEED_ANSIBLE}=1, but the ansible program is not installed")
        pytest.skip('needs Ansible: pip install ".[deploy]"')
    values = {
        name: value
        for name, value in load(ROLE / "defaults" / "main.yml").items()
        if "{{" not in str(value)
    }
    inventory = load(ANSIBLE / "inventory.example.yml")
    values.update(inventory["all"]["children"]["kiosks"]["vars"])
    values.update(settings)
    extra = tmp_path / "vars.json"
    extra.write_text(json.dumps(values), encoding="utf-8")
    out = tmp_path / "config.yaml"
    env = {
        **os.environ,
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-local"),
        "ANSIBLE_REMOTE_TEMP": str(tmp_path / "ansible-remote"),
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
    }
    done = subprocess.run(
        [
            str(program),
            "localhost",
            "--connection=local",
            "--inventory=localhost,",
            "--module-name=ansible.builtin.template",
            f"--args=src={TEMPLATE} dest={out} mode=0600",
            f"--extra-vars=@{extra}",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_rendered_settings_file_passes_kiosk_check_with_the_inventorys_values(
    tmp_path: Path,
):
    pin_hash = hash_pin("482913")
    rendered = render_config(
        tmp_path,
        {
            "kiosk_content": str(tmp_path / "srv: kiosk #1" / "current"),  # YAML marks: quoted
            "kiosk_idle_timeout": 120,
            "kiosk_staff_pin_hash": pin_hash,
        },
    )
    (tmp_path / "srv: kiosk #1" / "current").mkdir(parents=True)
    settings, sources = resolve_settings({}, rendered)
    assert settings.content == tmp_path / "srv: kiosk #1" / "current"
    assert settings.idle_timeout_s == 120
    assert settings.idle_warning_s == 20
    assert settings.screen_mm == (527.0, 296.0)
    assert settings.log_dir == Path("/var/log/kiosk")
    assert settings.state_dir == Path("/var/lib/kiosk/state")
    assert settings.staff_pin_hash is not None
    assert verify_pin("482913", settings.staff_pin_hash)
    assert all(sources[name].startswith("config file") for name in ("content", "screen_mm"))
    # The hash is the last line: the role's check without it keeps line numbers.
    assert rendered.read_text(encoding="utf-8").rstrip("\n").splitlines()[-1] == (
        f"staff_pin_hash: {pin_hash}"
    )


def test_empty_settings_are_left_out_of_the_rendered_file(tmp_path: Path):
    rendered = render_config(
        tmp_path,
        {"kiosk_screen_mm": "", "kiosk_staff_pin_hash": "", "kiosk_metrics_file": ""},
    )
    keys = re.findall(r"(?m)^([a-z_]+):", rendered.read_text(encoding="utf-8"))
    assert keys == [
        "content",
        "idle_timeout",
        "idle_warning",
        "fullscreen",
        "hide_cursor",
        "log_dir",
        "state_dir",
        "stats",
        "stats_db",
        "stats_keep_days",
    ]
    with_metrics = render_config(
        tmp_path, {"kiosk_metrics_file": "/var/lib/prometheus/node-exporter/kiosk.prom"}
    )
    assert 'metrics_file: "/var/lib/prometheus/node-exporter/kiosk.prom"\n' in (
        with_metrics.read_text(encoding="utf-8")
    )
