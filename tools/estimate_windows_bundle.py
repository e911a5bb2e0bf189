"""Estimate the size of the Windows onedir bundle without a Windows machine (dev tool, not run in CI).

    .venv/bin/python tools/estimate_windows_bundle.py            # downloads what is missing, prints the table
    .venv/bin/python tools/estimate_windows_bundle.py --offline  # use the cached wheels only

Needs the Linux bundle and its PyInstaller work folder (``scripts/build-frozen.sh --no-setup``): the Linux
build says *which* modules, extensions and data files the analysis collects; this tool then takes the same
things from the real **Windows wheels** (``pip download --platform win_amd64 --python-version 3.11``,
cached in ``build/win-wheels/``) and applies the spec's rules (``packaging/bundle.py``):

- Python modules go into the PYZ as zlib-compressed bytecode. For the downloaded wheels the tool compiles
  each collected ``.py`` with this (3.11) interpreter and compresses it as PyInstaller does (marshal +
  zlib level 6): measured. Modules of the standard library, of the app and of build-venv packages that
  are not runtime dependencies come from the Linux PYZ's own entries (pure Python: the same bytes).
  Windows-only packages (``sys_platform == "win32"`` requirements, e.g. pywin32-ctypes for keyring) are
  counted whole; Linux-only ones (SecretStorage, jeepney, cryptography, cffi) are left out.
- Extension modules (``.pyd``): those whose module the Linux bundle holds, minus ``bundle.excludes()``.
- DLLs: followed from the kept extensions, Qt plugins and ``libdmtx-64.dll`` through their PE import
  tables (what PyInstaller's binary analysis does on Windows), plus hook-PySide6's Windows extras
  (``opengl32sw.dll``); every destination then goes through ``bundle.keep_file``.
- Qt plugins: ``PySide6/plugins/<type>/*.dll`` through ``bundle.keep_qt_plugin``; Qt translations
  ``PySide6/translations/*.qm`` through ``bundle.keep_file``.
- Data files: a wheel file is counted when the Linux bundle holds the same path (certifi's CA file...).
- Never collected: ``.pyi``, ``include/``, ``metatypes/``, ``typesystems/``, ``glue/``, ``*.lib``, Qt tools
  (``*.exe``: designer, lupdate, qmllint...), dist-info files the Linux bundle does not carry.

Estimated, not measured: the CPython 3.11 Windows runtime (``python311.dll``, the stdlib ``.pyd`` and the
OpenSSL/SQLite/libffi DLLs), taken as the size of their Linux counterparts in the Linux bundle (stripped
ELF; Windows PE files of the same code are of a similar size, hence the wide ±35 %), the bootloaders,
``base_library.zip`` and the app's resources (platform-independent, from the Linux bundle). The Windows
spec builds two executables (``dispense-app.exe`` and ``dispense-app-cli.exe``), and each embeds its own
copy of the PYZ: it is counted twice.

Sizes are apparent file sizes in MiB (1024 x 1024 bytes, like ``du -m``); NTFS cluster slack adds
about 2 KiB per file.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import marshal
import re
import runpy
import struct
import subprocess
import sys
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
PY_VERSION = "3.11"
WINDOWS_ENV = {
    "sys_platform": "win32",
    "platform_system": "Windows",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "python_version": PY_VERSION,
    "python_full_version": "3.11.9",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "extra": "",
}
# Relative uncertainty per kind of part: measured from wheels, measured on Linux, estimated.
UNCERTAINTY = {"wheel": 0.03, "linux": 0.05, "estimate": 0.35}
# PyInstaller's PYZ compression level (PyInstaller/archive/writers.py, ZlibArchiveWriter).
PYZ_ZLIB_LEVEL = 6
# The stdlib's own shared libraries in the Linux bundle, and their Windows counterparts (zlib, bz2, lzma,
# expat, mpdecimal are linked statically into python311.dll / the .pyd on Windows: no counterpart).
STDLIB_LIBS = {
    "libcrypto": "libcrypto-3.dll",
    "libssl": "libssl-3.dll",
    "libsqlite3": "sqlite3.dll",
    "libffi": "libffi-8.dll",
}
# Wheel paths PyInstaller never collects.
NEVER_COLLECTED = re.compile(
    r"(\.pyi$|\.pyc$|\.lib$|\.exe$|\.h$|\.hpp$|\.cmake$|\.prl$|\.pc$|/py\.typed$|"
    r"(^|/)(include|metatypes|typesystems|glue|scripts|doc|examples|qml|__pycache__)/)",
    re.IGNORECASE,
)
EXT_SUFFIX = re.compile(r"(\.cpython-\d+[^.]*|\.cp\d+-win_amd64|\.abi3)?\.(so|pyd)$")


@dataclass
class Part:
    name: str
    kind: str  # "wheel", "linux" or "estimate" (see UNCERTAINTY)
    sizes: dict[str, int] = field(default_factory=dict)  # column -> bytes
    note: str = ""

    def add(self, column: str, size: int) -> None:
        self.sizes[column] = self.sizes.get(column, 0) + size

    @property
    def total(self) -> int:
        return sum(self.sizes.values())


# --- the Linux build: what the analysis collected -------------------------------------------------


@dataclass
class LinuxBuild:
    internal: Path
    files: dict[str, int]  # path under _internal (posix) -> size
    pyz: dict[str, int]  # module -> compressed size in the PYZ
    pyz_sources: dict[str, str]  # module -> source path at build time
    extensions: set[str]  # dotted names of the extension modules
    exe_size: int
    pkg_size: int
    pyz_size: int


def read_pyz(path: Path) -> dict[str, int]:
    """Module -> compressed entry size, from PyInstaller's PYZ archive (header: magic, pyc magic, TOC offset)."""
    data = path.read_bytes()
    if data[:4] != b"PYZ\0":
        raise SystemExit(f"{path}: not a PYZ archive")
    (toc_offset,) = struct.unpack("!i", data[8:12])
    toc: list[tuple[str, tuple[int, int, int]]] = marshal.loads(data[toc_offset:])  # noqa: S302 - our own build output
    return {name: length for name, (_kind, _offset, length) in toc}


def read_pyz_sources(toc_path: Path) -> dict[str, str]:
    import ast

    _pyz, entries = ast.literal_eval(toc_path.read_text())
    return {name: str(src) for name, src, _kind in entries}


def load_linux_build(dist_dir: Path, work_dir: Path) -> LinuxBuild:
    internal = dist_dir / "_internal"
    pyz_path = work_dir / "PYZ-00.pyz"
    if not internal.is_dir() or not pyz_path.exists():
        raise SystemExit(f"no Linux build in {dist_dir} / {work_dir}: run scripts/build-frozen.sh --no-setup first")
    files = {
        p.relative_to(internal).as_posix(): p.stat().st_size
        for p in internal.rglob("*")
        if p.is_file() and not p.is_symlink()
    }
    extensions = set()
    for rel in files:
        if EXT_SUFFIX.search(rel) and not re.search(r"\.so\.\d", rel):
            parts = rel.split("/")
            if parts[:2] == ["python3.11", "lib-dynload"]:
                parts = parts[2:]
            parts[-1] = EXT_SUFFIX.sub("", parts[-1])
            extensions.add(".".join(parts))
    exe = dist_dir / dist_dir.name
    return LinuxBuild(
        internal=internal,
        files=files,
        pyz=read_pyz(pyz_path),
        pyz_sources=read_pyz_sources(work_dir / "PYZ-00.toc"),
        extensions=extensions,
        exe_size=exe.stat().st_size,
        pkg_size=(work_dir / f"{dist_dir.name}.pkg").stat().st_size,
        pyz_size=pyz_path.stat().st_size,
    )


# --- which distributions -------------------------------------------------------------------------


def runtime_roots() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"]]


def marker_ok(req: Requirement, env: dict[str, str] | None) -> bool:
    return req.marker is None or req.marker.evaluate(env)


def closure(roots: list[Requirement], env: dict[str, str] | None) -> dict[str, set[str]]:
    """Distribution -> the distributions that require it (roots: ``{""}``), under the given environment."""
    parents: dict[str, set[str]] = {}
    todo = [(canonicalize_name(r.name), "") for r in roots if marker_ok(r, env)]
    while todo:
        name, parent = todo.pop()
        seen = name in parents
        parents.setdefault(name, set()).add(parent)
        if seen:
            continue
        try:
            reqs = md.requires(name) or []
        except md.PackageNotFoundError:
            continue  # not installed here (Windows-only): its own requirements are not followed
        todo += [(canonicalize_name(r.name), name) for r in map(Requirement, reqs) if marker_ok(r, env)]
    return parents


def top_level_names(dist: str) -> set[str]:
    mapping = md.packages_distributions()
    return {top for top, dists in mapping.items() if dist in {canonicalize_name(d) for d in dists}}


# --- wheels --------------------------------------------------------------------------------------


def find_wheel(cache: Path, dist: str, version: str | None) -> Path | None:
    for whl in sorted(cache.glob("*.whl")):
        name, ver, _build, tags = parse_wheel_filename(whl.name)
        if name != dist or (version is not None and str(ver) != version):
            continue
        if any(t.platform in ("win_amd64", "any") for t in tags):
            return whl
    return None


def download_wheel(cache: Path, dist: str, spec: str, offline: bool) -> Path:
    version = spec[2:] if spec.startswith("==") else None
    found = find_wheel(cache, dist, version)
    if found is not None:
        return found
    if offline:
        raise SystemExit(f"{dist}{spec}: no Windows wheel in {cache} (run without --offline)")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
         "--platform", "win_amd64", "--python-version", PY_VERSION, "-d", str(cache), f"{dist}{spec}"],
        check=True,
    )  # fmt: skip
    found = find_wheel(cache, dist, version)
    if found is None:
        raise SystemExit(f"{dist}{spec}: pip download gave no win_amd64/any wheel")
    return found


def pe_imports(data: bytes) -> list[str]:
    """The DLL names in a PE file's import table (what PyInstaller's bindepend follows on Windows)."""
    if data[:2] != b"MZ":
        return []
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    if data[pe : pe + 4] != b"PE\0\0":
        return []
    (n_sections,) = struct.unpack_from("<H", data, pe + 6)
    (opt_size,) = struct.unpack_from("<H", data, pe + 20)
    opt = pe + 24
    (magic,) = struct.unpack_from("<H", data, opt)
    directories = opt + (112 if magic == 0x20B else 96)
    imp_rva, _imp_size = struct.unpack_from("<II", data, directories + 8)
    if imp_rva == 0:
        return []
    sections = []
    for i in range(n_sections):
        vsize, va, raw_size, raw_ptr = struct.unpack_from("<IIII", data, opt + opt_size + 40 * i + 8)
        sections.append((va, max(vsize, raw_size), raw_ptr))

    def offset(rva: int) -> int:
        for va, size, ptr in sections:
            if va <= rva < va + size:
                return int(rva - va + ptr)
        raise ValueError(f"RVA {rva:#x} in no section")

    names = []
    pos = offset(imp_rva)
    while True:
        descriptor = struct.unpack_from("<IIIII", data, pos)
        if not any(descriptor):
            break
        start = offset(descriptor[3])
        names.append(data[start : data.index(b"\0", start)].decode("ascii"))
        pos += 20
    return names


def module_name(path: str) -> str:
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def compiled_size(source: bytes, name: str) -> int:
    """Bytes of the module in the PYZ: its code object, marshalled and zlib-compressed like PyInstaller does."""
    code = compile(source, name.replace(".", "/") + ".py", "exec", dont_inherit=True)
    return len(zlib.compress(marshal.dumps(code), PYZ_ZLIB_LEVEL))


@dataclass
class WheelFile:
    wheel: str  # distribution
    path: str  # posix path in the wheel (= destination in _internal)
    size: int
    archive: zipfile.ZipFile

    def read(self) -> bytes:
        return self.archive.read(self.path)


Dropped = list[tuple[str, int, str]]  # wheel path, size, why it is left out


def measure(
    wheels: dict[str, Path],
    windows_only: set[str],
    linux: LinuxBuild,
    bundle: dict[str, Any],
) -> tuple[dict[str, Part], dict[str, int], Dropped, list[tuple[str, int]]]:
    """Per distribution: PYZ, extensions, DLLs, Qt plugins, data, metadata. Also returns the modules whose PYZ
    size was taken from the wheels (so the rest of the Linux PYZ is counted once), the files left out (with
    the reason) and the binaries collected."""
    keep_file: Callable[[str], bool] = bundle["keep_file"]
    archives = {dist: zipfile.ZipFile(path) for dist, path in wheels.items()}
    files = [
        WheelFile(dist, info.filename, info.file_size, zf)
        for dist, zf in archives.items()
        for info in zf.infolist()
        if not info.is_dir()
    ]
    parts = {dist: Part(f"{dist} {parse_wheel_filename(wheels[dist].name)[1]}", "wheel") for dist in wheels}
    dropped: Dropped = []
    sorter = _WheelSorter(windows_only, linux, bundle, parts, dropped)
    for f in files:
        sorter.sort(f)
    collected = follow_dlls([*sorter.roots, *explicit_binaries(files)], files, keep_file, dropped)
    for f in collected.values():
        column = "extensions" if f.path.lower().endswith(".pyd") else "qt plugins" if "/plugins/" in f.path else "dlls"
        parts[f.wheel].add(column, f.size)
    for f in files:
        low = f.path.lower()
        big = f.size > MIB and low.endswith((".dll", ".pyd")) and not NEVER_COLLECTED.search(f.path)
        if big and f.path not in collected and not any(d[0] == f.path for d in dropped):
            dropped.append((f.path, f.size, "not reached (no kept binary imports it)"))
    return parts, sorter.pyz_from_wheels, dropped, [(f.path, f.size) for f in collected.values()]


class _WheelSorter:
    """Decides for each wheel file what the spec does with it: into the PYZ, a binary to collect (a
    *root*: DLL dependencies are followed from it), data or metadata counted on its part, or left out."""

    def __init__(
        self,
        windows_only: set[str],
        linux: LinuxBuild,
        bundle: dict[str, Any],
        parts: dict[str, Part],
        dropped: Dropped,
    ) -> None:
        self.windows_only = windows_only
        self.linux = linux
        self.keep_file: Callable[[str], bool] = bundle["keep_file"]
        self.keep_qt_plugin: Callable[[str, str], bool] = bundle["keep_qt_plugin"]
        self.excluded = tuple(bundle["excludes"]())
        self.parts = parts
        self.dropped = dropped
        self.pyz_from_wheels: dict[str, int] = {}
        self.roots: list[WheelFile] = []  # binaries collected for their own sake

    def is_excluded(self, module: str) -> bool:
        return any(module == e or module.startswith(e + ".") for e in self.excluded)

    def sort(self, f: WheelFile) -> None:
        path, low = f.path, f.path.lower()
        if dist_info := re.match(r"[^/]+\.dist-info/(.+)$", path):
            self._metadata(f, dist_info.group(1))
        elif NEVER_COLLECTED.search(path) or ".data/" in path.split("/")[0] + "/":
            if f.size > MIB:
                self.dropped.append((path, f.size, "never collected (tool, header, stub)"))
        elif low.endswith(".py"):
            self._module(f)
        elif low.endswith(".pyd"):
            self._extension(f)
        elif plugin := re.match(r"PySide6/plugins/([^/]+)/([^/]+\.dll)$", path):
            if self.keep_qt_plugin(plugin.group(1), plugin.group(2)) and self.keep_file(path):
                self.roots.append(f)
            elif f.size > MIB:
                self.dropped.append((path, f.size, "Qt plugin not kept (keep_qt_plugin)"))
        elif low.endswith(".dll"):
            pass  # collected only as a dependency (follow_dlls) or as an explicit extra
        elif path.startswith("PySide6/translations/"):
            # the Qt hooks collect the .qm of the collected Qt modules; keep_file keeps de/en of qtbase, qtmultimedia
            if re.fullmatch(r"PySide6/translations/[^/]+\.qm", path) and self.keep_file(path):
                self.parts[f.wheel].add("data", f.size)
        elif path in self.linux.files:
            self.parts[f.wheel].add("data", f.size)

    def _metadata(self, f: WheelFile, rest: str) -> None:
        """A dist-info file counts when the Linux bundle carries the same file of the same distribution."""
        linux_dir = next((d for d in self.linux.files if d.split("/")[0].endswith(".dist-info")
                          and canonicalize_name(d.split("/")[0].split("-")[0]) == f.wheel), None)  # fmt: skip
        if linux_dir is not None and f"{linux_dir.split('/')[0]}/{rest}" in self.linux.files:
            self.parts[f.wheel].add("metadata", f.size)

    def _module(self, f: WheelFile) -> None:
        name = module_name(f.path)
        if (name in self.linux.pyz or f.wheel in self.windows_only) and not self.is_excluded(name):
            self.pyz_from_wheels[name] = compiled_size(f.read(), name)
            self.parts[f.wheel].add("pyz", self.pyz_from_wheels[name])

    def _extension(self, f: WheelFile) -> None:
        path = f.path
        name = ".".join([*path.split("/")[:-1], EXT_SUFFIX.sub("", PurePosixPath(path).name)])
        if (name in self.linux.extensions or f.wheel in self.windows_only) and not self.is_excluded(name):
            self.roots.append(f)
        elif f.size > MIB:
            self.dropped.append((path, f.size, "extension module not collected / excluded"))


def explicit_binaries(files: list[WheelFile]) -> list[WheelFile]:
    """libdmtx (bundle.libdmtx_binaries on win32) and hook-PySide6's Windows extras
    (PyInstaller/utils/hooks/qt: collect_extra_binaries: ANGLE, opengl32sw.dll, ICU when present)."""
    found = []
    for f in files:
        name = PurePosixPath(f.path).name.lower()
        if (f.wheel == "pylibdmtx" and re.fullmatch(r"libdmtx-.*\.dll", name)) or (
            f.path.startswith("PySide6/")
            and f.path.count("/") == 1
            and re.fullmatch(r"(opengl32sw|libegl|libglesv2|d3dcompiler_\d\d|icu(dt|in|uc)\d\d)\.dll", name)
        ):
            found.append(f)
    return found


def follow_dlls(
    roots: list[WheelFile], files: list[WheelFile], keep_file: Callable[[str], bool], dropped: Dropped
) -> dict[str, WheelFile]:
    """The binaries collected: the roots and every DLL they import, directly or not, that ``keep_file``
    keeps (what PyInstaller's binary analysis does on Windows), by wheel path."""
    by_name: dict[str, list[WheelFile]] = {}
    for f in files:
        by_name.setdefault(PurePosixPath(f.path).name.lower(), []).append(f)
    collected: dict[str, WheelFile] = {}
    todo = list(roots)
    while todo:
        f = todo.pop()
        if f.path in collected:
            continue
        if not keep_file(f.path):
            if f.size > MIB:
                dropped.append((f.path, f.size, "filtered by keep_file"))
            continue
        collected[f.path] = f
        for dep in pe_imports(f.read()):
            candidates = by_name.get(dep.lower(), [])
            here = [c for c in candidates if PurePosixPath(c.path).parent == PurePosixPath(f.path).parent]
            # bindepend searches the importing binary's folder first, then the Qt/package folders on its path
            pick = here or [c for c in candidates if c.path.startswith("PySide6/")] or candidates
            if pick:
                todo.append(pick[0])
    return collected


# Destinations of the Windows wheel layout and what the spec must decide for them.
KEEP_FILE_CASES = {
    "PySide6/Qt6Core.dll": True,
    "PySide6/plugins/platforms/qwindows.dll": True,
    "PySide6/plugins/styles/qmodernwindowsstyle.dll": True,
    "PySide6/plugins/multimedia/windowsmediaplugin.dll": True,
    "PySide6/plugins/platforms/qdirect2d.dll": False,
    "PySide6/plugins/multimedia/ffmpegmediaplugin.dll": False,
    "PySide6/plugins/imageformats/qpdf.dll": False,
    "PySide6/translations/qtbase_de.qm": True,
    "PySide6/translations/qtbase_fr.qm": False,
    "PySide6/Qt6Quick.dll": False,
    "PySide6/Qt6Pdf.dll": False,
    "PySide6/avcodec-61.dll": False,
    "cv2/cv2.pyd": False,
    "pylibdmtx/libdmtx-64.dll": True,
}


def check_keep_file(keep_file: Callable[[str], bool]) -> list[str]:
    """Where ``bundle.keep_file`` decides otherwise than expected on the Windows wheel layout."""
    return [
        f"{dest}: keep_file gives {keep_file(dest)}"
        for dest, want in KEEP_FILE_CASES.items()
        if keep_file(dest) != want
    ]


# --- the rest: from the Linux build --------------------------------------------------------------


def python_runtime(linux: LinuxBuild, wheels_files: Iterable[tuple[str, int]]) -> Part:
    part = Part("CPython 3.11 runtime", "estimate", note="Linux counterparts (libpython, lib-dynload, OpenSSL...)")
    for rel, size in linux.files.items():
        name = rel.split("/")[-1]
        if name.startswith("libpython3"):
            part.add("python311.dll", size)
        elif rel.startswith("python3.11/lib-dynload/"):
            module = EXT_SUFFIX.sub("", name)
            if module not in ("readline", "fcntl", "grp", "termios", "resource", "_posixsubprocess", "_posixshmem"):
                part.add("stdlib .pyd", size)
        elif "/" not in rel and name.split(".so")[0] in STDLIB_LIBS:
            part.add(" + ".join(STDLIB_LIBS.values()), size)
    # vcruntime140(_1).dll from CPython's folder: the same redistributable files the PySide6 wheel carries
    for name, size in wheels_files:
        if name.lower() in ("pyside6/vcruntime140.dll", "pyside6/vcruntime140_1.dll"):
            part.add("vcruntime", size)
    return part


def linux_pyz_rest(linux: LinuxBuild, from_wheels: dict[str, int], linux_only_tops: set[str]) -> tuple[Part, Part]:
    """The PYZ modules not measured from a Windows wheel: stdlib and app (one part), build-venv extras (other)."""
    site = Part("PYZ: stdlib + app", "linux", note="Linux PYZ entries (pure Python)")
    extra = Part("PYZ: other venv packages", "linux", note="Linux PYZ entries: rich, pygments, setuptools...")
    for module, size in linux.pyz.items():
        if module in from_wheels or module.split(".")[0] in linux_only_tops:
            continue
        src = linux.pyz_sources.get(module, "")
        (extra if "site-packages" in src else site).add("pyz", size)
    return site, extra


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "dispense-app", help="the Linux bundle")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller" / "dispense-app")
    parser.add_argument("--wheels", type=Path, default=ROOT / "build" / "win-wheels", help="wheel cache")
    parser.add_argument("--offline", action="store_true", help="no pip download: cached wheels only")
    parser.add_argument("--show-dropped", type=int, default=12, metavar="N", help="largest N files left out")
    parser.add_argument("--list", action="store_true", help="list every collected .pyd/.dll with its size")
    return parser.parse_args(argv)


@dataclass
class Distributions:
    """Which runtime distributions the Windows bundle holds, and which it leaves out."""

    included: set[str]
    windows_only: set[str]  # required on Windows only (counted whole when included)
    linux_only: set[str]  # in the Linux bundle, not needed on Windows
    left_out: list[str]  # needed on Windows but not in the bundle (excluded or unused)
    tops: dict[str, set[str]]  # distribution -> its top-level import names


def choose_distributions(linux: LinuxBuild) -> Distributions:
    """Those whose code the Linux bundle holds (and that Windows needs), and the Windows-only ones that
    a bundled distribution requires."""
    roots = runtime_roots()
    win = closure(roots, WINDOWS_ENV)
    lin = closure(roots, None)
    linux_tops = {d: top_level_names(d) for d in set(win) | set(lin)}

    def in_linux_bundle(dist: str) -> bool:
        tops = linux_tops[dist]
        return any(m.split(".")[0] in tops for m in linux.pyz) or any(
            EXT_SUFFIX.sub("", r.split("/")[0]) in tops for r in linux.files
        )

    included = {d for d in win if in_linux_bundle(d)}
    windows_only = set(win) - set(lin)
    changed = True
    while changed:
        changed = False
        for d in windows_only - included:
            if win[d] & included:
                included.add(d)
                changed = True
    linux_only = {d for d in set(lin) - set(win) if in_linux_bundle(d)}
    return Distributions(included, windows_only, linux_only, sorted(set(win) - included), linux_tops)


def download_wheels(cache: Path, included: set[str], offline: bool) -> dict[str, Path]:
    """The Windows wheel of each distribution: the version installed here, else (Windows-only) the newest
    that the requirement allows."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels: dict[str, Path] = {}
    for dist in sorted(included):
        try:
            spec = f"=={md.version(dist)}"
        except md.PackageNotFoundError:  # Windows-only: newest that the requirement allows
            spec = ""
        wheels[dist] = download_wheel(cache, dist, spec, offline)
    return wheels


def resources_part(linux: LinuxBuild, wheels: dict[str, Path]) -> Part:
    resources = Part("app resources, base_library.zip, metadata", "linux", note="from the Linux bundle")
    for rel, size in linux.files.items():
        top = rel.split("/")[0]
        if top in ("resources", "base_library.zip"):
            resources.add(top, size)
        elif top.endswith(".dist-info") and canonicalize_name(top.split("-")[0]) not in wheels:
            resources.add("other dist-info", size)
    return resources


def executable_parts(linux: LinuxBuild, pyz_total: int) -> tuple[Part, Part]:
    """Two executables on Windows, each: bootloader + PKG (PYZ, entry script, run-time hooks)."""
    pkg_rest = linux.pkg_size - linux.pyz_size
    bootloader = linux.exe_size - linux.pkg_size
    pyz_x2 = Part("PYZ x2 (one copy inside each .exe)", "linux", note="wheels compiled here + Linux PYZ entries")
    pyz_x2.add("pyz x2", 2 * (pyz_total + (linux.pyz_size - sum(linux.pyz.values()))))
    exes = Part("bootloader + rest of PKG x2", "estimate", note="Linux bootloader size; Windows' is bigger, < 1 MiB")
    exes.add("x2", 2 * (bootloader + pkg_rest))
    return pyz_x2, exes


def print_table(rows: list[Part], pure_wheels: int) -> None:
    """The estimate, one row per part, with its total and range."""
    columns = ["extensions", "dlls", "qt plugins", "data", "metadata"]
    print("Windows onedir bundle estimate (MiB), from the Windows wheels and packaging/bundle.py's rules\n")
    header = f"{'part':44} {'kind':8} " + " ".join(f"{c:>10}" for c in columns) + f" {'total':>8}"
    print(header)
    print("-" * len(header))
    total = low = high = 0.0
    for part in rows:
        size = part.total - part.sizes.get("pyz", 0) if part.kind == "wheel" else part.total
        u = UNCERTAINTY[part.kind]
        total, low, high = total + size, low + size * (1 - u), high + size * (1 + u)
        cells = " ".join(f"{part.sizes.get(c, 0) / MIB:10.2f}" for c in columns) if part.kind == "wheel" else " " * 54
        print(f"{part.name:44} {part.kind:8} {cells} {size / MIB:8.2f}")
        if part.kind != "wheel":
            detail = ", ".join(f"{k} {v / MIB:.2f}" for k, v in part.sizes.items())
            print(f"{'':46}{detail}; {part.note}")
    print(f"({pure_wheels} more wheels add only Python modules, in the PYZ)")
    print("-" * len(header))
    print(f"{'total':44} {'':8} {'':54} {total / MIB:8.2f}")
    print(
        f"range {low / MIB:.0f} to {high / MIB:.0f} MiB (wheel files ±{UNCERTAINTY['wheel']:.0%}, Linux-measured "
        f"±{UNCERTAINTY['linux']:.0%}, estimated ±{UNCERTAINTY['estimate']:.0%}); bar: 250 MB\n"
    )


def print_distributions(wheels: dict[str, Path], dists: Distributions) -> None:
    print(f"distributions: {len(wheels)} Windows wheels ({', '.join(sorted(wheels))})")
    print(f"  Windows-only, counted whole: {', '.join(sorted(dists.windows_only & dists.included)) or '-'}")
    print(f"  Linux-only, left out: {', '.join(sorted(dists.linux_only)) or '-'}")
    print(f"  runtime deps not in the bundle (excluded or unused): {', '.join(dists.left_out) or '-'}")


def print_files(binaries: list[tuple[str, int]], dropped: Dropped, args: argparse.Namespace) -> None:
    """``--list``: every collected binary; ``--show-dropped N``: the largest files left out."""
    if args.list:
        print("\ncollected binaries:")
        for path, size in sorted(binaries, key=lambda b: -b[1]):
            print(f"  {size / MIB:7.2f}  {path}")
    if args.show_dropped:
        print(f"\nlargest wheel files left out (of the bundled distributions), top {args.show_dropped}:")
        for path, size, why in sorted(dropped, key=lambda d: -d[1])[: args.show_dropped]:
            print(f"  {size / MIB:7.2f}  {path}  ({why})")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bundle = runpy.run_path(str(ROOT / "packaging" / "bundle.py"))
    linux = load_linux_build(args.dist, args.work)
    dists = choose_distributions(linux)
    wheels = download_wheels(args.wheels, dists.included, args.offline)

    parts, from_wheels, dropped, binaries = measure(wheels, dists.windows_only, linux, bundle)
    linux_only_tops = {t for d in dists.linux_only for t in dists.tops[d]}
    all_wheel_files = [(i.filename, i.file_size) for p in wheels.values() for i in zipfile.ZipFile(p).infolist()]
    pyz_site, pyz_extra = linux_pyz_rest(linux, from_wheels, linux_only_tops)
    runtime = python_runtime(linux, all_wheel_files)
    pyz_total = sum(p.sizes.get("pyz", 0) for p in parts.values()) + pyz_site.total + pyz_extra.total
    resources = resources_part(linux, wheels)
    pyz_x2, exes = executable_parts(linux, pyz_total)

    binary_parts = sorted((p for p in parts.values() if p.total - p.sizes.get("pyz", 0) > 0), key=lambda p: -p.total)
    pure = [p for p in parts.values() if p not in binary_parts]
    print_table([*binary_parts, runtime, resources, pyz_x2, exes], len(pure))

    wheel_pyz = sum(p.sizes.get("pyz", 0) for p in parts.values())
    same = sum(linux.pyz[m] for m in from_wheels if m in linux.pyz)
    print(
        f"PYZ (inside each executable): {pyz_total / MIB:.2f} MiB = wheels {wheel_pyz / MIB:.2f} (compiled here; the "
        f"same modules weigh {same / MIB:.2f} in the Linux PYZ) + stdlib/app {pyz_site.total / MIB:.2f} + other venv "
        f"packages {pyz_extra.total / MIB:.2f}; Linux PYZ {sum(linux.pyz.values()) / MIB:.2f}"
    )
    print_distributions(wheels, dists)
    linux_total = sum(linux.files.values()) + linux.exe_size
    print(f"Linux bundle for comparison: {linux_total / MIB:.1f} MiB apparent size ({args.dist})")
    wrong = check_keep_file(bundle["keep_file"])
    print(
        "keep_file on the Windows wheel layout (PySide6/*.dll, PySide6/plugins/<type>/, PySide6/translations/): "
        + ("as expected" if not wrong else "UNEXPECTED: " + "; ".join(wrong))
    )
    print_files(binaries, dropped, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
