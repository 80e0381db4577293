"""Flask-SocketIO on eventlet with the benchmark's /bench namespace (the contract of bench/server.mjs).

Run by bench/servers.mjs with Debian's python3-flask-socketio and python3-eventlet:

    /usr/bin/python3 bench/flask_server.py --port 18717

It answers memory questions on stdin/stdout, one JSON line each, as the Node server does over IPC: a line
"memory" on stdin is answered with the allocator's bytes in use after a full collection. EOF on stdin (the
benchmark gone) stops the server.
"""
import eventlet

# before anything else imports socket, threading or time: every blocking call must yield to the hub
eventlet.monkey_patch()

import argparse  # noqa: E402
import ctypes  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import stat  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import eventlet.wsgi  # noqa: E402
from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

NAMESPACE = '/bench'

app = Flask(__name__)
# The library defaults, as Node's: ping_interval 25 s, ping_timeout 20 s, max_http_buffer_size 1e6.
socketio = SocketIO(app, async_mode='eventlet')


@socketio.on('echo', namespace=NAMESPACE)
def echo(payload):
    return payload


@socketio.on('join', namespace=NAMESPACE)
def join(room):
    join_room(room)
    return True


@socketio.on('broadcast', namespace=NAMESPACE)
def broadcast(request):
    """{room, count, rate, size}: count events to the room, rate per second (0: back to back), scheduled by
    absolute time so a late turn catches up; the return value is the ack {sent: count}. Handlers run in a
    greenlet of their own (async_handlers, the default), so this one may sleep between events."""
    room, count, rate = request['room'], request['count'], request['rate']
    data = 'x' * request.get('size', 0)
    start = time.monotonic()
    for seq in range(count):
        if rate > 0:
            due = start + seq / rate
            if due > time.monotonic():
                socketio.sleep(due - time.monotonic())
        # wall-clock epoch milliseconds with a fraction, as the other servers stamp it
        socketio.emit('bcast', {'seq': seq, 'ts': time.time() * 1000, 'data': data}, to=room, namespace=NAMESPACE)
    return {'sent': count}


class NoCompression:
    """Takes the client's permessage-deflate offer out of the upgrade request. eventlet accepts it and then
    compresses every frame; Node's socket.io and the Java servers run without it, so with it the comparison would
    measure zlib."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        environ.pop('HTTP_SEC_WEBSOCKET_EXTENSIONS', None)
        return self.wsgi_app(environ, start_response)


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        'arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks', 'keepcost')]


def pymalloc_bytes():
    """Bytes in pymalloc's allocated blocks (objects up to 512 bytes), which only sys._debugmallocstats()
    reports, on the C stderr: read back through a temporary file."""
    with tempfile.TemporaryFile() as out:
        saved = os.dup(2)
        try:
            sys.stderr.flush()
            os.dup2(out.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        match = re.search(rb'# bytes in allocated blocks\s*=\s*([\d,]+)', out.read())
    return int(match.group(1).replace(b',', b'')) if match else 0


def heap_bytes():
    """Memory the interpreter holds for live data after a full collection: pymalloc's allocated blocks plus
    what glibc's malloc has handed out (larger objects, buffers, greenlet stacks saved off the C stack).
    The process is one thread, so glibc's main arena, the one mallinfo2 describes, is all of it."""
    gc.collect()
    libc = ctypes.CDLL('libc.so.6')
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    return pymalloc_bytes() + info.uordblks + info.hblkhd


def serve_commands():
    """Answers the benchmark's lines on stdin; stops the process when stdin closes."""
    fd = sys.stdin.fileno()
    mode = os.fstat(fd).st_mode
    if not (os.isatty(fd) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return  # stdin from a file or /dev/null, which epoll refuses: started by hand, no benchmark to answer
    os.set_blocking(fd, False)
    pending = b''
    while True:
        eventlet.hubs.trampoline(fd, read=True)
        chunk = os.read(fd, 4096)
        if not chunk:
            os._exit(0)
        pending += chunk
        while b'\n' in pending:
            line, pending = pending.split(b'\n', 1)
            if line.strip() == b'memory':
                print(json.dumps({'cmd': 'memory', 'heapBytes': heap_bytes()}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=18717)
    port = parser.parse_args().port
    # What socketio.run(app) does for eventlet, with two limits raised: eventlet's listen backlog (50) and its
    # 1,024 connections at once (max_size), which the benchmark's 200 concurrent connects and 10,000 held
    # connections exceed. Node's backlog is 511.
    listener = eventlet.listen(('127.0.0.1', port), backlog=511)
    eventlet.spawn(serve_commands)
    print(json.dumps({'cmd': 'ready', 'port': port}), flush=True)
    eventlet.wsgi.server(listener, NoCompression(app), log_output=False, max_size=100000)


if __name__ == '__main__':
    main()
