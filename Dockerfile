# Saulet: one image with the API and the built SPA.
# Build: docker build -t saulet .   Run: see docker-compose.yml (configuration by environment only).

FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY openapi/ openapi/
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend/ frontend/
RUN cd frontend && npm run build

FROM rust:1.95-bookworm AS api
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY api/ api/
COPY migrations/ migrations/
COPY tests/ tests/
COPY openapi/ openapi/
RUN cargo build --release --locked --bin saulet

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/saulet --create-home saulet
COPY --from=api /src/target/release/saulet /usr/local/bin/saulet
COPY --from=frontend /src/frontend/dist /usr/share/saulet/frontend
ENV SAULET_SERVER__HOST=0.0.0.0 \
    SAULET_SERVER__PORT=8080 \
    SAULET_SERVER__STATIC_DIR=/usr/share/saulet/frontend \
    SAULET_DATA_DIR=/var/lib/saulet \
    SAULET_LOG__FORMAT=json
USER saulet
WORKDIR /var/lib/saulet
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/saulet"]
CMD ["serve"]
