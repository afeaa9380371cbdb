# JupyterHub configuration for a workshop on one machine (started by `make hub`, hubctl.py).
#
# Every setting a room needs is here, each with what it is for; hubctl.py passes the values an
# instructor can change (make hub HUB_...=...) as FTHUB_* environment variables, and keeps the
# hub's state (database, secrets, learners' homes, logs) in one folder, FTHUB_STATE.
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import limits  # noqa: E402
import roomspawner  # noqa: E402

c = get_config()  # noqa: F821 (JupyterHub provides it)
env = os.environ
STATE = Path(env["FTHUB_STATE"])
VENV_BIN = Path(env["FTHUB_VENV_BIN"])
RUN = env["FTHUB_RUN"]
PORT = int(env.get("FTHUB_PORT", "8000"))

# --- Where it listens. The public port (the proxy) on 127.0.0.1 unless the instructor names
# another address (HUB_IP=0.0.0.0 for a room on the local network, behind TLS if possible);
# the hub's own API and the proxy's API stay on loopback always.
c.JupyterHub.bind_url = f"http://{env.get('FTHUB_IP', '127.0.0.1')}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [env["FTHUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.auth_token = (STATE / "proxy-token").read_text().strip()
c.JupyterHub.pid_file = str(STATE / "hub.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie-secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True

# --- Login: one workshop code for the room, written on the board; any name the learner types
# (letters, digits, . _ -) becomes their account. The instructor logs in as "instructor" with
# a separate admin code (32+ characters, in the state folder), which opens /hub/admin.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = (STATE / "workshop-code").read_text().strip()
c.SharedPasswordAuthenticator.admin_password = (STATE / "admin-code").read_text().strip()
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = True  # anyone with the code; nobody without it
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9._-]{0,31}$"

# --- One process per learner: the labs' packages (the venv `make hub` filled from
# requirements/hub.txt), a home under the state folder, the course's Lab 0 as landing page.
c.JupyterHub.spawner_class = roomspawner.RoomSpawner
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.RoomSpawner.uid_base = int(env.get("FTHUB_UID_BASE", "40000"))
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
    # One BLAS thread per kernel: on a shared machine threads only fight over the cores.
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    # nbgitpuller clones the course from a folder owned by the instructor's account.
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "safe.directory",
    "GIT_CONFIG_VALUE_0": "*",
    # hubctl.py stop finds every process this hub started by this mark.
    "FTHUB_RUN": RUN,
}
c.Spawner.args = [
    # A kernel idle for 30 minutes is shut down (its notebook stays; a click restarts it):
    # most of a learner's memory is kernels, and labs opened once are rarely reused.
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
    "--MappingKernelManager.cull_connected=False",
]

# --- Limits per learner, enforced by cgroups when the hub runs as root (see limits.py; the
# banner says what was enforced). Two labs open take about 0.5-0.6 GiB; 1 GiB leaves room.
c.Spawner.mem_limit = env.get("FTHUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(env.get("FTHUB_CPU_LIMIT", "1"))
roomspawner.GROUPS = limits.probe(RUN)

# --- Spawning: a server takes a few seconds of CPU to start, and the whole room clicks the
# link at once. At most FTHUB_SPAWN_LIMIT start together; the rest are asked to retry (HTTP
# 429) instead of every start slowing to a crawl. A server that has not answered within
# http_timeout is stopped and counted as failed, and its start is wasted CPU, so the window is
# generous (the load test saw 120 s run out at 20 learners on a busy 2-core machine).
c.JupyterHub.concurrent_spawn_limit = int(env.get("FTHUB_SPAWN_LIMIT", "4"))
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300

# --- The idle culler: a learner's server with no activity for FTHUB_CULL_TIMEOUT seconds
# (default an hour: a lunch break survives it) is stopped, freeing its memory; the home stays
# and the link brings the learner back.
cull_timeout = env.get("FTHUB_CULL_TIMEOUT", "3600")
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            str(VENV_BIN / "python"),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={cull_timeout}",
            "--cull-every=300",
            "--concurrency=5",
        ],
        "environment": {"FTHUB_RUN": RUN},
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }
]
