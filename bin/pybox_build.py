"""pybox's in-tree PEP 517 build backend (pyproject.toml points here).

Why not setuptools: pip writes console scripts as a wrapper that imports
`re` and runs with site processing, which together cost several times
Python's own start-up, and pip drops any arguments on a `#!python` line.
So this backend builds the wheel itself and ships bin/pybox as the `pybox`
script, with the first line naming the interpreter that runs the build
(under pip, the interpreter pip installs into) followed by -IS, and ROOT set
for where the packages live.  Standard library only.

Hooks: build_wheel, build_editable (PEP 660: a .pth file and a launcher that
point at the source tree), build_sdist, and the get_requires_* hooks.
"""
import base64
import hashlib
import io
import os
import sys
import tarfile
import time
import tomllib
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def _project():
    with open(os.path.join(TOP, "pyproject.toml"), "rb") as f:
        data = tomllib.load(f)
    return data["project"], data.get("tool", {}).get("pybox", {})


def _dist_name(project):
    return project["name"].replace("-", "_"), project["version"]


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: %s" % project["name"],
        "Version: %s" % project["version"],
        "Summary: %s" % project.get("description", ""),
        "Requires-Python: %s" % project.get("requires-python", ">=3.11"),
        "License: %s" % project.get("license", {}).get("text", ""),
    ]
    for dep in project.get("dependencies", []):
        lines.append("Requires-Dist: %s" % dep)
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append("Provides-Extra: %s" % extra)
        for dep in deps:
            lines.append('Requires-Dist: %s; extra == "%s"' % (dep, extra))
    text = "\n".join(lines) + "\n"
    readme = os.path.join(TOP, project.get("readme", "README.md"))
    if os.path.exists(readme):
        text += "Description-Content-Type: text/markdown\n\n"
        with open(readme, encoding="utf-8") as f:
            text += f.read()
    return text


def launcher(root):
    """bin/pybox with an absolute interpreter line and ROOT = root, a
    colon-separated list of directories to append to sys.path."""
    with open(os.path.join(HERE, "pybox"), encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n", 1)[1]
    marker = "ROOT = None\n"
    if marker not in body:
        raise RuntimeError("bin/pybox has no ROOT line")
    body = body.replace(marker, "ROOT = %r\n" % root, 1)
    return "#!%s -IS\n%s" % (sys.executable, body)


def _install_dirs():
    """Where pip will put the packages: this interpreter's purelib, then the
    user site (for --user installs)."""
    import site
    import sysconfig
    dirs = [sysconfig.get_paths()["purelib"]]
    user = site.getusersitepackages()
    if user and user not in dirs:
        dirs.append(user)
    return ":".join(dirs)


class _Wheel:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.records = []

    def add(self, arcname, data, mode=0o644):
        if isinstance(data, str):
            data = data.encode("utf-8")
        info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.records.append("%s,sha256=%s,%d" % (arcname, digest, len(data)))

    def close(self, distinfo):
        record = distinfo + "/RECORD"
        self.records.append(record + ",,")
        info = zipfile.ZipInfo(record, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _package_files(packages):
    for pkg in packages:
        for dirpath, dirnames, filenames in os.walk(os.path.join(TOP, pkg)):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for fn in sorted(filenames):
                if fn.endswith(".py"):
                    full = os.path.join(dirpath, fn)
                    yield full, os.path.relpath(full, TOP).replace(os.sep, "/")


def _build(wheel_directory, editable):
    project, tool = _project()
    name, version = _dist_name(project)
    distinfo = "%s-%s.dist-info" % (name, version)
    data = "%s-%s.data" % (name, version)
    filename = "%s-%s-py3-none-any.whl" % (name, version)
    w = _Wheel(os.path.join(wheel_directory, filename))
    if editable:
        w.add("__editable__.%s.pth" % name, TOP + "\n")
        w.add(data + "/scripts/pybox", launcher(TOP), 0o755)  # appended: stdlib wins
    else:
        for full, arc in _package_files(tool.get("packages", ["multicall", "applets", "compat"])):
            with open(full, "rb") as f:
                w.add(arc, f.read())
        w.add(data + "/scripts/pybox", launcher(_install_dirs()), 0o755)
    w.add(distinfo + "/METADATA", _metadata(project))
    w.add(distinfo + "/WHEEL", "Wheel-Version: 1.0\nGenerator: pybox_build\n"
          "Root-Is-Purelib: true\nTag: py3-none-any\n")
    w.close(distinfo)
    return filename


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _build(wheel_directory, editable=True)


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


_SDIST_TOP = ("pyproject.toml", "README.md", "bin", "multicall", "applets", "compat", "tests", "docs", ".ci")


def build_sdist(sdist_directory, config_settings=None):
    project, _ = _project()
    name, version = _dist_name(project)
    base = "%s-%s" % (name, version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for entry in _SDIST_TOP:
            full = os.path.join(TOP, entry)
            if os.path.exists(full):
                tar.add(full, base + "/" + entry,
                        filter=lambda ti: None if "__pycache__" in ti.name else ti)
        pkg = _metadata(project).encode("utf-8")
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(pkg)
        info.mtime = int(time.time())
        tar.addfile(info, io.BytesIO(pkg))
    return base + ".tar.gz"
