# `orch serve` in a container: the web UI built with Node, the server published with the .NET SDK, run on the ASP.NET
# Core runtime as a non-root user. Data directory: the /data volume. HTTP on the default port, 5200.
#   docker build -t orch .
#   docker run -p 5200:5200 -v orch-data:/data orch
# The same with Docker Compose: deploy/compose.yml. Several nodes on PostgreSQL: deploy/compose.cluster.yml.

# 1. The web UI (web/dist).
FROM node:20 AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
COPY web/tools ./tools
RUN npm ci --no-audit --no-fund
COPY web/index.html web/tsconfig.json web/vite.config.ts web/openapi.json ./
COPY web/src ./src
RUN npm run build

# 2. orch.dll, with web/dist copied into the wwwroot beside it (SkipWebBuild: npm already ran above).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY src ./src
COPY --from=web /src/web/dist ./web/dist
# Build outputs of a local checkout must not leak into the image's build.
RUN rm -rf src/*/bin src/*/obj src/Orchestration.Server/wwwroot \
 && dotnet publish src/Orchestration.Cli -c Release -o /app -p:SkipWebBuild=true

# 3. The runtime, as the base image's non-root user (APP_UID). git.enabled needs the git CLI, which it does not have.
# scripts/check-container.py checks this stage without Docker (user, health check, volume, port) and runs the same
# layout with the same command line as an unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl, for the health check below (the base image has no HTTP client).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# /data: the data directory (with its key ring when the database is SQLite). /workspaces and /knowledge: mount points for storage
# that several nodes share (deploy/compose.cluster.yml). Created here so that volumes mounted there belong to APP_UID.
RUN mkdir -p /data /workspaces /knowledge \
 && chown -R "$APP_UID:$APP_UID" /data /workspaces /knowledge
USER $APP_UID
# Bind every interface (server.host defaults to 127.0.0.1, unreachable from outside the container). The server binds
# server.host:server.port itself, so the base image's ASPNETCORE_HTTP_PORTS (8080) is cleared. Change the port with
# ORCH_SERVER__PORT (not --port), so that the health check follows it.
ENV ORCH_SERVER__HOST=0.0.0.0 \
    ORCH_SERVER__PORT=5200 \
    ASPNETCORE_HTTP_PORTS=
EXPOSE 5200
VOLUME /data
# Liveness: /healthz answers 200 while the server runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${ORCH_SERVER__PORT}/healthz" || exit 1
# orch serve --data-dir /data; more options (--config, ...) can follow `docker run IMAGE`.
ENTRYPOINT ["dotnet", "/app/orch.dll", "serve", "--data-dir", "/data"]
