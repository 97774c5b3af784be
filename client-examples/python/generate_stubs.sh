#!/bin/sh
# Generates the Python modules for the debrief.v1 contract into OUT_DIR (default ./gen)
# with Debian's protoc and grpc_python_plugin (packages protobuf-compiler and
# protobuf-compiler-grpc), matching Debian's python3-grpcio and python3-protobuf.
#
#   client-examples/python/generate_stubs.sh [OUT_DIR]
#   PYTHONPATH=gen /usr/bin/python3 debrief_client.py close ../tickets/double-charge.json
set -eu
here=$(cd "$(dirname "$0")" && pwd)
proto_dir=${DEBRIEF_PROTO_DIR:-$here/../../proto}
out=${1:-$here/gen}
mkdir -p "$out"
protoc -I "$proto_dir" \
  --python_out="$out" \
  --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$proto_dir"/debrief/v1/*.proto
# Make the generated folders importable as packages (debrief.v1.*_pb2).
touch "$out/debrief/__init__.py" "$out/debrief/v1/__init__.py"
