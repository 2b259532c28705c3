"""No network (issue 6): every command gives the same result with sockets disabled.

A `sitecustomize.py` on PYTHONPATH makes socket.socket, socket.create_connection and getaddrinfo raise in the
real console script's process; the results must equal the normal run's, byte for byte.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_hostile_support import COMMANDS, baseline, clean_env, run_all

SITECUSTOMIZE = '''
import socket


def _refuse(*args, **kwargs):
    raise OSError("network disabled by the kefu-check no-network test")


class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        _refuse()


socket.socket = _NoSocket
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
socket.socketpair = _refuse
'''


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return clean_env(PYTHONPATH=str(folder))


def test_the_sockets_are_really_disabled(offline_env):
    probe = "import socket; socket.create_connection(('127.0.0.1', 9))"
    done = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "network disabled" in done.stderr
    probe = "import socket; socket.socket()"
    done = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True, check=False)
    assert "network disabled" in done.stderr


def test_every_command_gives_the_same_result_without_network(offline_env):
    offline = run_all(offline_env)
    reference = baseline()
    for name, _, _ in COMMANDS:
        assert offline[name] == reference[name], f"{name} differs without network: {offline[name][2].decode()}"
