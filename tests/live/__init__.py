"""Behaviour against real sockets: uvicorn on loopback, subprocesses."""
