"""Test runs only: no Python process the tests start opens a network connection beyond
loopback. tests/conftest.py puts this folder on PYTHONPATH, so ``make`` and every process it
starts (each stage, the notebook kernel) imports this module at start-up (Python's
``sitecustomize`` hook) — pytest-socket guards the test process itself.

A blocked attempt raises OSError (what a library sees when the network is down) and is
appended to the file named by ``PIPELINE_NETWORK_LOG``, so a library that quietly falls back
after a failed download still shows up (tests/test_e2e_robust.py reads the log).
"""
import os
import socket

LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0", "::")


def _loopback(host) -> bool:
    return host is None or str(host).startswith(LOOPBACK) or str(host) == ""


def _blocked(what: str):
    log = os.environ.get("PIPELINE_NETWORK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"pid {os.getpid()}: {what}\n")
    return OSError(101, f"network blocked in tests (tests/offline/sitecustomize.py): {what}")


def _guard(method):
    def guarded(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise _blocked(f"{method.__name__} {address[0]}:{address[1]}")
        return method(self, address, *args)
    return guarded


_getaddrinfo = socket.getaddrinfo


def _getaddrinfo_guarded(host, *args, **kwargs):
    if not _loopback(host):
        raise _blocked(f"resolve {host}")
    return _getaddrinfo(host, *args, **kwargs)


for _name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, _name, _guard(getattr(socket.socket, _name)))
socket.getaddrinfo = _getaddrinfo_guarded
