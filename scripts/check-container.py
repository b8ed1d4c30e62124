#!/usr/bin/env python3
"""Checks the container setup without Docker (none is needed, and no base image is pulled).

1. The Dockerfile's runtime stage runs as a non-root user, has a HEALTHCHECK on /healthz, keeps the data directory
   in a VOLUME and EXPOSEs the port the server listens on; the compose files build that Dockerfile, publish the port,
   mount a volume on the data directory and do not run as root; deploy/compose.yml is one node on SQLite.
2. The layout the Dockerfile copies is published with the Dockerfile's own `dotnet publish` command, then started with
   the image's ENTRYPOINT, WORKDIR and ENV (its paths moved into a temporary folder, on a free port) as the base image's
   unprivileged user (uid 1654) when this runs as root: /healthz must answer 200, the web UI must be served, the state
   must land in the data directory, and SIGTERM (docker stop) must end it cleanly.

Uses the Release build that scripts/test.sh makes first; alone, pass --build to build while publishing.
Ends with one line: "N passed, N failed".
"""
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The base image's non-root user (APP_UID of mcr.microsoft.com/dotnet/aspnet).
APP_UID = 1654
ROOT_USERS = {"root", "0", "0:0", "root:root", "root:0", "0:root"}

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}")
        for line in str(detail).strip().splitlines()[-20:]:
            print(f"     {line}")


def dockerfile_stages(path):
    """The Dockerfile's stages, each a list of (INSTRUCTION, arguments), continuation lines joined."""
    stages, logical, pending = [], [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        # Comment lines end nothing: Docker drops them, inside a continued instruction too.
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    for line in logical:
        instruction, _, args = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction, args.strip()))
    return stages


def words(args):
    """The arguments of an instruction in exec form (a JSON array) or shell form."""
    return json.loads(args) if args.startswith("[") else shlex.split(args)


def env_of(stage):
    env = {}
    for instruction, args in stage:
        if instruction == "ENV":
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def last(stage, instruction):
    values = [args for i, args in stage if i == instruction]
    return values[-1] if values else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return None, ""


def check_dockerfile():
    stages = dockerfile_stages(ROOT / "Dockerfile")
    final = stages[-1]
    user = last(final, "USER")
    check("Dockerfile: the runtime stage runs as a non-root USER", user is not None and user not in ROOT_USERS,
          f"USER is {user!r}")
    health = last(final, "HEALTHCHECK") or ""
    check("Dockerfile: a HEALTHCHECK asks /healthz", "/healthz" in health and not health.upper().startswith("NONE"),
          f"HEALTHCHECK is {health!r}")
    entrypoint = words(last(final, "ENTRYPOINT") or "[]")
    data_dir = entrypoint[entrypoint.index("--data-dir") + 1] if "--data-dir" in entrypoint else None
    volumes = [v for args in (a for i, a in final if i == "VOLUME") for v in words(args)]
    check("Dockerfile: the data directory (--data-dir) is a VOLUME", data_dir is not None and data_dir in volumes,
          f"--data-dir {data_dir}, VOLUME {volumes}")
    env = env_of(final)
    defaults = json.loads((ROOT / "config.example.json").read_text())
    port = str(env.get("ORCH_SERVER__PORT") or defaults["server"]["port"])
    exposed = [p.split("/")[0] for args in (a for i, a in final if i == "EXPOSE") for p in args.split()]
    check(f"Dockerfile: EXPOSE {port}, the port the server listens on", port in exposed, f"EXPOSE {exposed}")
    check("Dockerfile: the health check asks that port", port in health or "${ORCH_SERVER__PORT}" in health, health)
    return stages, final, entrypoint, data_dir, port


def check_compose(path, data_dir, port, single_node):
    text = path.read_text()
    name = path.relative_to(ROOT)
    check(f"{name}: builds the root Dockerfile", re.search(r"context:\s*\.\.\s", text) is not None
          and re.search(r"dockerfile:\s*Dockerfile\b", text) is not None)
    check(f"{name}: publishes port {port}", re.search(rf"[\"']?\d+:{port}[\"']?", text) is not None)
    mounts = re.findall(rf"([A-Za-z0-9_-]+):{re.escape(data_dir)}\b", text)
    declared = re.search(r"^volumes:\s*$(.*)", text, re.MULTILINE | re.DOTALL)
    check(f"{name}: a named volume holds {data_dir}",
          bool(mounts) and declared is not None and all(re.search(rf"^\s+{m}:", declared.group(1), re.MULTILINE) for m in mounts),
          f"mounts {mounts}")
    users = re.findall(r"^\s*user:\s*[\"']?([^\s\"']+)", text, re.MULTILINE)
    check(f"{name}: does not run as root", not any(u in ROOT_USERS for u in users), f"user: {users}")
    if single_node:
        check(f"{name}: one node on SQLite", "ORCH_DATABASE__PROVIDER" not in text and len(re.findall(r"^\s+build:", text, re.MULTILINE)) == 1)


def publish_command(stages, out, build):
    """The build stage's `dotnet publish` with its output moved to `out`."""
    for stage in stages:
        for instruction, args in stage:
            match = re.search(r"dotnet publish ([^&;]+)", args) if instruction == "RUN" else None
            if match:
                argv = shlex.split(match.group(1))
                argv[argv.index("-o") + 1] = str(out)
                return ["dotnet", "publish", *argv, *([] if build else ["--no-build"]), "-nologo", "-v", "q"]
    return None


def run_image_layout(stages, final, entrypoint, data_dir, tmp, build):
    workdir = last(final, "WORKDIR") or "/app"
    app, data, home = tmp / "app", tmp / "data", tmp / "home"
    publish = publish_command(stages, app, build)
    result = subprocess.run(publish or ["false"], cwd=ROOT, capture_output=True, text=True)
    published = publish is not None and result.returncode == 0
    check("the Dockerfile's dotnet publish makes the layout", published,
          result.stdout + result.stderr if publish else "no `dotnet publish` in the Dockerfile")
    program = [a for a in entrypoint if a.startswith(workdir + "/")]
    complete = bool(program) and (app / program[0][len(workdir) + 1:]).is_file() and (app / "wwwroot" / "index.html").is_file()
    check("the layout has the ENTRYPOINT's program and the web UI", complete, f"ENTRYPOINT {entrypoint}")
    # Only this platform's native libraries (ONNX Runtime for the embedder, USearch for the HNSW index) go in.
    platforms = sorted(p.name for p in (app / "runtimes").iterdir()) if (app / "runtimes").is_dir() else []
    natives = {p.name for p in (app / "runtimes").rglob("*") if p.is_file()} if platforms else set()
    check("the layout carries one platform's native libraries, the embedder's and the index's",
          len(platforms) == 1 and any(n.startswith("libonnxruntime") for n in natives) and any(n.startswith("libusearch_c") for n in natives),
          f"runtimes: {platforms}, files: {sorted(natives)}")
    if not (published and complete):
        return

    port = free_port()
    argv = [str(app) + a[len(workdir):] if a.startswith(workdir + "/") else a for a in entrypoint]
    argv = [str(data) if a == data_dir else a for a in argv]
    # The image's environment: none of this shell's ORCH_* settings, the Dockerfile's ENV, and a free port (this
    # machine may run other servers on the image's).
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORCH_")}
    env.update(env_of(final))
    env.update({"ORCH_SERVER__PORT": str(port), "HOME": str(home)})
    for folder in (data, home):
        folder.mkdir()
    as_root = os.geteuid() == 0
    if as_root:
        os.chmod(tmp, 0o755)
        for folder in (data, home):
            os.chown(folder, APP_UID, APP_UID)

    def drop_privileges():
        os.setgroups([])
        os.setgid(APP_UID)
        os.setuid(APP_UID)

    log = open(tmp / "server.log", "w")
    server = subprocess.Popen(argv, cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT,
                              preexec_fn=drop_privileges if as_root else None)
    try:
        status = None
        for _ in range(200):
            status, _ = get(f"http://127.0.0.1:{port}/healthz")
            if status == 200 or server.poll() is not None:
                break
            time.sleep(0.2)
        server_log = (tmp / "server.log").read_text()
        check("the image's command line answers /healthz with 200", status == 200, server_log)
        uid = next((line.split()[1] for line in Path(f"/proc/{server.pid}/status").read_text().splitlines()
                    if line.startswith("Uid:")), None) if server.poll() is None else None
        check(f"it runs as {'the unprivileged uid ' + str(APP_UID) if as_root else 'this non-root user'}",
              uid is not None and uid != "0", f"uid {uid}")
        status, body = get(f"http://127.0.0.1:{port}/")
        check("it serves the web UI", status == 200 and '<div id="root"' in body, f"GET / -> {status}")
        check("it keeps its state in the data directory",
              (data / "orchestration.db").is_file() and (data / "secret.key").is_file(), sorted(p.name for p in data.iterdir()))
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            code = None
        check("SIGTERM (docker stop) ends it cleanly", code == 0, f"exit code {code}\n" + (tmp / "server.log").read_text())
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()


def main():
    build = "--build" in sys.argv[1:]
    stages, final, entrypoint, data_dir, port = check_dockerfile()
    for compose in sorted((ROOT / "deploy").glob("compose*.yml")):
        check_compose(compose, data_dir or "/data", port, single_node=compose.name == "compose.yml")
    check("deploy/compose.yml exists (one node on SQLite)", (ROOT / "deploy" / "compose.yml").is_file())
    with tempfile.TemporaryDirectory() as tmp:
        run_image_layout(stages, final, entrypoint, data_dir, Path(tmp), build)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
