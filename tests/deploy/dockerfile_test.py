"""The Dockerfile is never built in CI (no Docker engine), so its package lists are checked
against what they must match: the build stage installs the toolchain and server libraries
of scripts/install-deps.sh, and the runtime stage installs exactly the Debian packages that
hold the shared libraries the built debriefd ($DEBRIEFD) links.
"""

import os
import re
import subprocess
import unittest

SOURCE = os.environ.get("DEBRIEF_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
# In debian:12-slim already; the rest of the runtime stage besides the libraries.
BASE_IMAGE = {"libc6", "libstdc++6", "libgcc-s1"}
RUNTIME_EXTRAS = {"ca-certificates"}  # outbound HTTPS to destinations


def read(path):
    with open(os.path.join(SOURCE, path)) as f:
        return f.read()


def dockerfile_stages():
    """Packages of each stage's `apt-get install`, in stage order."""
    text = read("Dockerfile").replace("\\\n", " ")
    stages = []
    for stage in re.split(r"^FROM ", text, flags=re.M)[1:]:
        packages = set()
        for command in re.findall(r"apt-get install ([^&\n]*)", stage):
            packages |= {word for word in command.split() if not word.startswith("-")}
        stages.append(packages)
    return stages


def install_deps_group(title):
    """Packages listed under `# <title>` in install-deps.sh's PACKAGES array."""
    text = read("scripts/install-deps.sh")
    match = re.search(rf"^\s*# {re.escape(title)}\n((?:\s+[^#\s)][^\n]*\n)+)", text, re.M)
    if not match:
        raise AssertionError(f'scripts/install-deps.sh has no "# {title}" group any more')
    return set(match.group(1).split())


def linked_packages(binary):
    """Debian packages holding the libraries `binary` links directly (its NEEDED entries)."""
    needed = re.findall(r"NEEDED\s+(\S+)", subprocess.run(
        ["objdump", "-p", binary], check=True, capture_output=True, text=True).stdout)
    resolved = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(
        ["ldd", binary], check=True, capture_output=True, text=True).stdout, re.M))
    # Debian 12 is usr-merged: dpkg knows each library by one of its two paths; ask for both
    # in one (slow) query.
    paths = {}
    for name in needed:
        real = os.path.realpath(resolved[name])
        other = real[len("/usr"):] if real.startswith("/usr/") else "/usr" + real
        paths[real] = paths[other] = name
    owners = re.findall(r"^([^:\s]+)(?::\S+)?: (\S+)$", subprocess.run(
        ["dpkg-query", "-S", *paths], capture_output=True, text=True).stdout, re.M)
    packages = {paths[path]: package for package, path in owners if path in paths}
    missing = set(needed) - set(packages)
    if missing:
        raise AssertionError(f"no Debian package holds {sorted(missing)}")
    return set(packages.values())


class DockerfileTest(unittest.TestCase):
    def test_build_stage_installs_the_toolchain_and_server_libraries_of_install_deps(self):
        build, _ = dockerfile_stages()
        wanted = (install_deps_group("toolchain") - {"git"}) | install_deps_group(
            "libraries the server links")
        self.assertEqual(build, wanted,
                         "keep the Dockerfile's build stage in step with scripts/install-deps.sh")

    def test_runtime_stage_installs_exactly_the_linked_libraries(self):
        _, runtime = dockerfile_stages()
        linked = linked_packages(os.environ["DEBRIEFD"]) - BASE_IMAGE
        self.assertEqual(runtime - RUNTIME_EXTRAS, linked,
                         "the runtime stage must install the packages of the libraries debriefd "
                         "links (objdump -p debriefd | grep NEEDED), and nothing else")

    def test_runs_as_the_non_root_user_the_chart_expects(self):
        text = read("Dockerfile")
        self.assertRegex(text, r"(?m)^USER 10001:10001$")
        self.assertIn("--uid 10001", text)
        self.assertIn("install -d -o debrief -g debrief /var/lib/debrief", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
