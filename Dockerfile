# debriefd on Debian 12. Stage "build" compiles with the same Debian packages that
# scripts/install-deps.sh installs (toolchain + the libraries the server links); the final
# stage holds only the binary, the default config and the shared libraries it links, and
# runs as an unprivileged user. tests/deploy/dockerfile_test.py keeps both package lists
# in step with install-deps.sh and with the libraries the built debriefd really needs.
# CI has no Docker engine, so this file is checked but never built there.
#
#   docker build -t debriefd .
#   docker run --rm -p 50051:50051 -p 8080:8080 -v debrief-data:/var/lib/debrief debriefd

FROM debian:12-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates \
      libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler \
      libabsl-dev libspdlog-dev libfmt-dev libyaml-cpp-dev libsqlite3-dev libre2-dev \
      libcurl4-openssl-dev libssl-dev nlohmann-json3-dev libcpp-httplib-dev libnats-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake --preset release \
 && cmake --build --preset release --target debriefd \
 && strip build/release/server/app/debriefd

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates \
      libgrpc++1.51 libgrpc29 libprotobuf32 libabsl20220623 libspdlog1.10 libfmt9 \
      libyaml-cpp0.7 libsqlite3-0 libre2-9 libcurl4 libssl3 libcpp-httplib0.11 libnats3.4 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 debrief \
 && useradd --system --uid 10001 --gid debrief --home-dir /var/lib/debrief \
      --shell /usr/sbin/nologin debrief \
 && install -d -o debrief -g debrief /var/lib/debrief
COPY --from=build /src/build/release/server/app/debriefd /usr/bin/debriefd
COPY config/debrief.yaml /etc/debrief/debrief.yaml
USER 10001:10001
WORKDIR /var/lib/debrief
VOLUME /var/lib/debrief
EXPOSE 50051 8080
ENTRYPOINT ["/usr/bin/debriefd"]
# Flags, not environment variables, so that a Kubernetes `args:` (the Helm chart's) replaces
# them and the mounted config's listen addresses apply.
CMD ["serve", "--config", "/etc/debrief/debrief.yaml", "--grpc-listen", "0.0.0.0:50051", \
     "--http-listen", "0.0.0.0:8080", "--data-dir", "/var/lib/debrief"]
