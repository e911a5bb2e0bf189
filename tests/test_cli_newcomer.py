"""The command line and set-up as a newcomer meets them (issue 24), one section per numbered point.

Every test drives the installed console script (or the scripts in ``scripts/``) in a subprocess, as
a new user or a support person does, against a ``dispense-app hub-sim`` seeded with the demo packs.
``DISPENSE_APP_TEST_EXE`` / ``DISPENSE_APP_TEST_SCRIPTS`` point them at another installation (e.g.
an older checkout, to see that they fail there).
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
_EXE = Path(os.environ.get("DISPENSE_APP_TEST_EXE") or REPO / ".venv" / "bin" / "dispense-app")
APP = [str(_EXE)] if _EXE.exists() else [sys.executable, "-m", "dispense_app"]
SCRIPTS = Path(os.environ.get("DISPENSE_APP_TEST_SCRIPTS") or REPO / "scripts")
DEMO = REPO / "resources" / "demo"
GS = "\x1d"


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60,
    cwd: Path | None = None,
) -> tuple[int, str, str]:
    proc = subprocess.run(
        [*APP, *args], input=stdin, capture_output=True, timeout=timeout, check=False,
        env={**os.environ, **(env or {})}, cwd=cwd,
    )
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def read_line(stream: IO[bytes], within_s: float = 60) -> bytes:
    """One line from a child's stdout; b"" when none came (a guard, so a regression fails the test
    instead of hanging it: the line is expected at once, long before the guard)."""
    ready, _, _ = select.select([stream], [], [], within_s)
    return stream.readline() if ready else b""


def code(gtin: str, serial: str, lot: str, expiry: str) -> str:
    return f"01{gtin}17{expiry}{GS}10{lot}{GS}21{serial}"


IBU = "04150123456782"
METG = "04150345678993"
IBU600 = "04150123456843"


def ibu(serial: str) -> str:
    return code(IBU, serial, "IB2401", "280630")


class Sim:
    def __init__(self, url: str) -> None:
        self.url = url

    def faults(self, **body: Any) -> None:
        r = httpx.post(f"{self.url}/_admin/faults", json=body, timeout=10)
        assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sim]:
    home = tmp_path_factory.mktemp("sim-home")
    proc = subprocess.Popen(
        [*APP, "hub-sim", "--port", "0", "--packs", str(DEMO / "packs.csv"), "--home", str(home)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        m = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)\n", proc.stdout.readline().decode())
        assert m
        yield Sim(m.group(1))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- 1. set-up: apt lock, a line per step ----------------------------------------------------------


def _fake_apt(tmp_path: Path, locked_times: int) -> tuple[Path, Path]:
    """A PATH folder whose apt-get reports a held lock ``locked_times`` times, then works; dpkg-query
    says nothing is installed; sudo just runs the command. ``calls`` records each apt-get call."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    scripts = {
        "dpkg-query": "#!/bin/sh\nexit 1\n",
        "sudo": '#!/bin/sh\nexec "$@"\n',
        "apt-get": f"""#!/bin/sh
echo "$*" >> {calls}
n=$(wc -l < {calls})
if [ "$n" -le {locked_times} ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (unattended-upgr)" >&2
  exit 100
fi
exit 0
""",
    }
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return bin_dir, calls


def _setup(bin_dir: Path, wait_s: int) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "SETUP_APT_WAIT_S": str(wait_s),
        "SETUP_APT_POLL_S": "0.05",
    }
    return subprocess.run(
        ["bash", str(SCRIPTS / "setup.sh"), "--system-only"], capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )


def test_setup_waits_for_the_apt_lock_then_installs(tmp_path: Path) -> None:
    bin_dir, calls = _fake_apt(tmp_path, locked_times=3)
    proc = _setup(bin_dir, wait_s=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("apt is busy") == 1 and "waiting up to 30 seconds" in proc.stdout
    lines = calls.read_text().splitlines()
    assert " update " in f" {lines[-2]} " and " install " in f" {lines[-1]} " and len(lines) == 5
    assert proc.stdout.startswith("setup: 1/4 installing system packages: ")


def test_setup_gives_up_on_a_lock_that_stays_and_says_what_to_do(tmp_path: Path) -> None:
    bin_dir, _ = _fake_apt(tmp_path, locked_times=10_000)
    proc = _setup(bin_dir, wait_s=1)
    assert proc.returncode == 1
    assert "still locked after 1 seconds" in proc.stderr and "run ./scripts/setup.sh again" in proc.stderr


def test_setup_prints_one_line_per_step() -> None:
    proc = subprocess.run(
        ["bash", str(SCRIPTS / "setup.sh")], capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, proc.stderr
    steps = [line for line in proc.stdout.splitlines() if line.startswith("setup: ")]
    assert [s.split()[1] for s in steps[:4]] == ["1/4", "2/4", "3/4", "4/4"]
    assert steps[-1] == "setup: done: .venv/bin/dispense-app is the command line"


# --- 2. demo.sh without a screen ----------------------------------------------------------------------


@pytest.mark.gui
def test_demo_script_without_a_screen_ends_with_one_sentence(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DISPENSE_APP_HOME"] = str(tmp_path)
    proc = subprocess.run(
        ["bash", str(SCRIPTS / "demo.sh")], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = proc.stdout + proc.stderr
    for noise in ("pipewire", "pa_context_connect", "QSoundEffect", "qt.multimedia", "ready ", "status {", "views "):
        assert noise not in text, noise
    assert proc.stdout.splitlines()[-1].startswith("demo: training mode works")


# --- 3. global options before or after the command and its action --------------------------------------


def test_global_options_in_any_position(tmp_path: Path) -> None:
    products = tmp_path / "p.csv"
    products.write_text(f"gtin,name\n{IBU},Ibuprofen\n", encoding="utf-8")
    h = str(tmp_path / "home")
    for argv in (
        ["products", "--home", h, "import", str(products)],
        ["--home", h, "products", "import", str(products)],
        ["products", "import", "--home", h, str(products)],
    ):
        rc, out, err = run(*argv)
        assert rc == 0 and out.strip() == "imported 1 product", (argv, out, err)
    for argv in (
        ["alerts", "--home", h, "list"],
        ["--home", h, "alerts", "list"],
        ["alerts", "--json", "--home", h, "list"],
        ["audit", "--home", h, "verify"],
        ["--json", "audit", "verify", "--home", h],
        ["audit", "--json", "--home", h, "verify"],
    ):
        rc, out, err = run(*argv)
        assert rc == 0, (argv, err)
    rc, out, _ = run("audit", "--json", "--home", h, "verify")
    assert json.loads(out)["ok"] is True
    rc, out, _ = run("alerts", "--home", h, "retention", "--json")
    assert json.loads(out) == {"retention_years": 5}


def test_hub_and_operator_options_before_the_command(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    rc, out, err = run("--hub", sim.url, "--json", "--home", h, "verify", ibu("DEMO-IBU-003"))
    assert rc == 0 and json.loads(out)["verdict"] == "ok", err
    rc, out, err = run("--hub-type", "fmd-rest", "verify", "--hub", sim.url, "--home", h, "--json", ibu("DEMO-IBU-003"))
    assert rc == 0 and json.loads(out)["verdict"] == "ok", err
    rc, _, err = run("--hub-type", "carrier-pigeon", "verify", "--hub", sim.url, "--home", h, ibu("DEMO-IBU-003"))
    assert rc == 2 and "hub-type" in err
    run("operators", "add", "anna", "--name", "Anna", "--role", "pharmacist", "--home", h, stdin=b"246813\n")
    rc, out, err = run(
        "--operator", "anna", "--home", h, "verify", "--hub", sim.url, "--json", ibu("DEMO-IBU-003"),
        env={"DISPENSE_APP_PIN": "246813"},
    )
    assert rc == 0 and json.loads(out)["verdict"] == "ok", err


# --- 4. --help ----------------------------------------------------------------------------------------------


def test_top_level_help_groups_the_commands_and_names_the_global_options() -> None:
    rc, out, _ = run("--help")
    assert rc == 0
    for option in ("--home", "--hub", "--hub-type", "--json", "--operator"):
        assert re.search(rf"^\s+{re.escape(option)}\b.*\S", out, re.M), option
    for group in ("counter", "hospital", "alerts", "station", "tools"):
        assert f"{group} commands:" in out
    assert re.search(r"^\s+verify\s+verify packs", out, re.M)
    rc2, out2, _ = run("--home", "/nowhere", "--help")
    assert rc2 == 0 and out2 == out


def test_help_is_plain_and_roles_are_listed() -> None:
    for argv in (["alerts"], ["operators"], ["hub", "configure"], ["operators", "add"], ["alerts", "status"]):
        rc, out, _ = run(*argv, "--help")
        assert rc == 0 and "``" not in out and "dispense_app." not in out and ":func:" not in out, argv
    _, out, _ = run("operators", "--help")
    assert re.search(r"pharmacist: everything", out)
    assert re.search(r"technician: verify packs, dispense", out) and "support: verify packs" in out
    _, out, _ = run("alerts", "status", "--help")
    assert "new, investigating or closed" in out
    _, out, _ = run("hub", "configure", "--help")
    assert re.search(r"--read-timeout SECONDS\s+how long", out) and re.search(r"--type \{[^}]*\}\s+kind of hub", out)


def test_every_option_and_argument_has_a_line_of_help() -> None:
    paths = [["alerts", a] for a in ("list", "show", "export", "status", "comment", "retention", "purge")]
    paths += [["operators", a] for a in ("add", "list", "passwd", "activate", "deactivate", "check")]
    paths += [["hub", "configure"], ["hub", "show"], ["products", "import"], ["products", "recalls-import"]]
    paths += [[c] for c in ("verify", "dispense", "undo", "sync", "parse", "calibrate", "labels", "hub-sim")]
    paths += [["adherence"], ["demo"], ["gui"]]
    for argv in paths:
        rc, out, _ = run(*argv, "--help")
        assert rc == 0, argv
        lines = out.split("\n\n", 1)[1].splitlines()  # below the usage
        for i, line in enumerate(lines):
            if not re.match(r"^  \S", line) or re.search(r"\S {2,}\S", line.strip()):
                continue  # not an entry, or an entry with its help on the same line
            following = lines[i + 1] if i + 1 < len(lines) else ""
            assert re.match(r"^ {6,}\S", following), (argv, line)  # argparse put its help on the next line


# --- 5. --stdin answers each line as it arrives; Ctrl+C says what was recorded ---------------------------


def test_stdin_lines_are_answered_as_they_arrive_and_ctrl_c_reports(sim: Sim, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*APP, "dispense", "--stdin", "--json", "--home", str(tmp_path), "--hub", sim.url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for serial in ("DEMO-IBU-004", "DEMO-IBU-005"):
            proc.stdin.write(ibu(serial).encode() + b"\n")
            proc.stdin.flush()
            line = read_line(proc.stdout)  # before stdin is closed: one line out per line in
            assert line, "no answer before the end of input"
            answer = json.loads(line)
            assert answer["verdict"] == "ok" and answer["pack"]["serial"] == serial
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130 and out == b""
    assert b"stopped (Ctrl+C) after 2 packs: 2 recorded here, 0 queued" in err and b"Traceback" not in err


def test_verify_stdin_streams_too(sim: Sim, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*APP, "verify", "--stdin", "--home", str(tmp_path), "--hub", sim.url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(ibu("DEMO-IBU-006").encode() + b"\n")
        proc.stdin.flush()
        assert read_line(proc.stdout).startswith(b"OK    04150123456782  serial DEMO-IBU-006")
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()


# --- 6. exit status: 3 for "could not be checked with the hub", 2 for every input error -----------------


def test_exit_3_when_the_hub_could_not_be_asked(sim: Sim, tmp_path: Path) -> None:
    sim.faults(outage=True)
    try:
        rc, out, _ = run("verify", "--json", "--home", str(tmp_path), "--hub", sim.url, ibu("DEMO-IBU-007"))
        doc = json.loads(out)
        assert rc == 3 and doc["verdict"] == "warn" and doc["offline"] is True and doc["queued"] is False
        # an expired pack stays a negative answer (1) even when the hub is down
        rc, _, _ = run("verify", "--home", str(tmp_path), "--hub", sim.url, ibu("DEMO-IBU-007"),
                       code("04150123456782", "DEMO-EXPIRED-1", "IB2301", "250331"))
        assert rc == 1
        # an offline dispense is recorded and queued: DESIGN.md says exit 0
        rc, out, _ = run("dispense", "--json", "--home", str(tmp_path), "--hub", sim.url, ibu("DEMO-IBU-008"))
        assert rc == 0 and json.loads(out)["queued"] is True
    finally:
        sim.faults(outage=False)
    rc, _, _ = run("verify", "--home", str(tmp_path), "--hub", sim.url, ibu("DEMO-IBU-007"))
    assert rc == 0


def test_input_errors_exit_2(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    run("dispense", "--home", h, "--hub", sim.url, code(IBU, "DEMO-NOT-THERE", "IB2401", "280630"))  # an alert
    rc, out, _ = run("alerts", "list", "--json", "--home", h)
    alert_id = json.loads(out.splitlines()[0])["alert_id"]
    rc, _, err = run("alerts", "status", alert_id, "closed", "--home", h)
    assert rc == 2 and "cause" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("gtin,name\n123,x\n", encoding="utf-8")
    rc, _, err = run("products", "import", str(bad), "--home", h)
    assert rc == 2 and "line 2" in err


# --- 7. files --------------------------------------------------------------------------------------------------


def test_products_import_names_missing_columns_and_folders(tmp_path: Path) -> None:
    foo = tmp_path / "foo.csv"
    foo.write_text("foo,bar\n1,2\n", encoding="utf-8")
    rc, _, err = run("products", "import", str(foo), "--home", str(tmp_path))
    assert rc == 2 and "missing column gtin" in err and "foo, bar" in err
    rc, _, err = run("products", "import", str(tmp_path), "--home", str(tmp_path))
    assert rc == 2 and "is a folder" in err and "no such file" not in err


def test_export_to_standard_output(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    run("dispense", "--home", h, "--hub", sim.url, code(IBU, "DEMO-NOT-THERE-2", "IB2401", "280630"))
    rc, out, err = run("alerts", "export", "--format", "jsonl", "-o", "-", "--home", h, cwd=tmp_path)
    assert not (tmp_path / "-").exists()  # not a file named "-"
    assert rc == 0 and json.loads(out.splitlines()[0])["serial"] == "DEMO-NOT-THERE-2"
    assert err.startswith("wrote 1 alert to standard output")


def test_labels_and_paths_as_given(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("gtin,serial,lot,expiry,state\n04150123456789,X1,L1,2028-01-31,Active\n", encoding="utf-8")
    rc, _, err = run("labels", "--packs", str(bad), "-o", str(tmp_path / "l.pdf"))
    assert rc == 2 and "seeded anyway" not in err and "wrong check digit" in err
    rc, _, err = run("labels", "--scanner-test", "-o", str(tmp_path / "s.pdf"), "--module-mm", "0")
    assert rc == 2 and "--module-mm" in err and not (tmp_path / "s.pdf").exists()
    rc, _, err = run("labels", "--scanner-test", "-o", str(tmp_path))
    assert rc == 2 and "is a folder" in err
    proc = subprocess.run(
        [*APP, "dispense", "X", "--rx", "./no-such-rx.json", "--hub", "http://127.0.0.1:9"], cwd=tmp_path,
        capture_output=True, text=True, check=False, timeout=60, env={**os.environ, "DISPENSE_APP_HOME": str(tmp_path)},
    )
    assert proc.returncode == 2 and "./no-such-rx.json" in proc.stderr
    proc = subprocess.run([*APP, "decode", "./missing.png"], cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=60)
    assert proc.stderr.strip() == "./missing.png: no such file"


# --- 8. the demo's own story ------------------------------------------------------------------------------


def test_demo_product_data_from_the_shell(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    rc, out, _ = run("products", "import", "--demo", "--home", h)
    assert rc == 0 and re.fullmatch(r"imported \d+ demo products and 1 recall entry \(resources/demo\)\n", out)
    rx = str(DEMO / "prescriptions" / "rx-metformin-bundle.json")
    rc, out, err = run("dispense", "--json", "--rx", rx, "--home", h, "--hub", sim.url,
                       code(METG, "DEMO-METG-001", "MG2405", "280930"))
    assert rc == 0 and json.loads(out)["verdict"] == "ok", (out, err)


# --- 9. adherence notes -------------------------------------------------------------------------------------


def test_adherence_note_matches_the_patients_medication(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    run("products", "import", "--demo", "--home", h)
    rx = str(DEMO / "prescriptions" / "rx-metformin-bundle.json")
    pack = code(METG, "DEMO-METG-002", "MG2405", "280930")
    rc, _, err = run("dispense", "--rx", rx, "--home", h, "--hub", sim.url, pack)
    assert rc == 0, err
    rc, out, err = run("adherence", "Patient/demo-anna", "--note", "asked about side effects", "--medication",
                       "METFORMIN", "--operator", "anna", "--json", "--home", h)
    assert rc == 0, err
    meds = json.loads(out)["medications"]
    assert [m["medication"] for m in meds] == ["metformin 500 mg"]
    assert [n["text"] for n in meds[0]["notes"]] == ["asked about side effects"]
    rc, _, err = run("adherence", "Patient/demo-anna", "--note", "x", "--medication", "aspirin", "--operator", "anna",
                     "--home", h)
    assert rc == 2 and "aspirin" in err and "metformin 500 mg" in err


# --- 10. sign-in messages --------------------------------------------------------------------------------------


def test_sign_in_messages_name_the_missing_input(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path)
    run("operators", "add", "anna", "--name", "Anna", "--role", "pharmacist", "--home", h, stdin=b"246813\n")
    no_pin = {"DISPENSE_APP_PIN": "", "DISPENSE_APP_OPERATOR": ""}
    rc, _, err = run("verify", "--home", h, "--hub", sim.url, ibu("DEMO-IBU-009"), env=no_pin)
    assert rc == 2 and "--operator LOGIN" in err and "wrong PIN" not in err
    rc, _, err = run("verify", "--operator", "anna", "--home", h, "--hub", sim.url, ibu("DEMO-IBU-009"), env=no_pin)
    assert rc == 2 and "no PIN given for anna" in err and "DISPENSE_APP_PIN" in err
    for login in ("anna", "nobody"):  # a wrong PIN and an unknown login: the same answer
        rc, _, err = run("verify", "--operator", login, "--home", h, "--hub", sim.url, ibu("DEMO-IBU-009"),
                         env={"DISPENSE_APP_PIN": "111111"})
        assert rc == 2
        assert err.strip() == "dispense-app: sign-in failed: unknown or inactive operator, or wrong PIN/password"


# --- 11. calibrate: text by default ----------------------------------------------------------------------------


def test_calibrate_prints_text_unless_json(tmp_path: Path) -> None:
    _, out, _ = run("calibrate", "--print-sheet", "--json")
    typed = b"".join(c["text"].swapcase().encode("latin-1") + b"\n" for c in json.loads(out)["codes"])
    rc, out, _ = run("calibrate", "--stdin", "--home", str(tmp_path), stdin=typed)
    assert rc == 0 and not out.lstrip().startswith("{")
    assert out.startswith(f"scanner profile saved in {tmp_path}") and "Caps Lock is on" in out
    assert "what to change on the scanner:" in out
    rc, out, _ = run("calibrate", "--show", "--home", str(tmp_path))
    assert rc == 0 and out.startswith("scanner profile in") and "Caps Lock corrected" in out
    rc, out, _ = run("calibrate", "--show", "--json", "--home", str(tmp_path))
    assert rc == 0 and json.loads(out)["caps_lock"] is True


# --- 12. wording --------------------------------------------------------------------------------------------


def test_wording(sim: Sim, tmp_path: Path) -> None:
    h = str(tmp_path / "home")  # the export below goes beside it: exports never go into the data folder
    run("products", "import", "--demo", "--home", h)
    rx = str(DEMO / "prescriptions" / "rx-metformin-bundle.json")  # not the prescribed product at all
    pack = code(IBU600, "DEMO-IBU600-001", "IB6401", "280630")
    rc, out, _ = run("dispense", "--rx", rx, "--home", h, "--hub", sim.url, pack)
    assert rc == 1 and "Ibuprofen Demo 600 mg film-coated tablet" in out and "600 mg 600 mg" not in out
    _, out, _ = run("alerts", "list", "--json", "--home", h)
    alert_id = json.loads(out.splitlines()[0])["alert_id"]
    rc, out, _ = run("alerts", "comment", alert_id, "checked the shelf", "--home", h)
    assert rc == 0 and out.strip().endswith(": 1 comment")
    rc, out, _ = run("alerts", "export", "--format", "csv", "-o", str(tmp_path / "a.csv"), "--home", h)
    assert rc == 0 and out.startswith("wrote 1 alert to ")


def test_read_only_commands_never_create_a_data_folder(tmp_path: Path) -> None:
    missing = tmp_path / "not-here"
    for argv in (["audit", "verify"], ["alerts", "list"], ["operators", "list"], ["calibrate", "--show"],
                 ["hub", "show"], ["adherence", "Patient/x"]):
        rc, _, err = run(*argv, "--home", str(missing))
        assert rc in (1, 2) and err and not missing.exists(), argv


def test_hub_sim_port_message_and_one_code_length_limit(sim: Sim, tmp_path: Path) -> None:
    rc, _, err = run("hub-sim", "--port", "99999")
    assert rc == 2 and "--port" in err and "latency" not in err
    from scanner.parsing.parser import MAX_INPUT

    too_long = ibu("X" * (MAX_INPUT + 10))
    rc, out, _ = run("parse", "--json", "--home", str(tmp_path), too_long)
    assert rc == 1 and json.loads(out)["errors"][0]["code"] == "too_long"
    rc, out, _ = run("verify", "--json", "--home", str(tmp_path), "--hub", sim.url, too_long)
    assert rc == 1 and json.loads(out)["pack"]["gtin"] is None  # refused before parsing, like parse
    long_ok = ibu("X" * 4500)  # over the old 4096-byte limit of verify, under the parser's
    _, parsed, _ = run("parse", "--json", "--home", str(tmp_path), long_ok)
    rc, out, _ = run("verify", "--json", "--home", str(tmp_path), "--hub", sim.url, long_ok)
    assert rc == 1 and json.loads(out)["pack"]["gtin"] == IBU == json.loads(parsed)["gtin"]  # parsed, as by parse
    for command in ("parse", "verify", "dispense"):
        _, out, _ = run(command, "--help")
        assert f"at most {MAX_INPUT} characters" in " ".join(out.split()), command
