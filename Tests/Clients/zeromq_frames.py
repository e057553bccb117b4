"""The agent's ZeroMQ protocol v1, written from docs/protocol.md alone:
request frames to send, reply frames read back strictly (every length the
document gives is checked), and a DEALER that matches replies by id.

Used by Tests/Clients/zeromq_client.py and zeromq_bad_clients.py; needs only
PyPI pyzmq and numpy.
"""
import struct
import time

import numpy as np
import zmq

MAGIC = b"es"
VERSION = 1
INFER_REQUEST, INFER_REPLY = 1, 2
NO_DOWNGRADE = 0x0001
NO_DOMAIN = 65535
REQUEST_HEADER = "<2sBBQQHHBBBB"
REPLY_HEADER = "<2sBBQHHQQHBBBBH"
NUMPY = {
    "BOOL": np.dtype("?"), "UINT8": np.dtype("<u1"), "UINT16": np.dtype("<u2"), "UINT32": np.dtype("<u4"),
    "UINT64": np.dtype("<u8"), "INT8": np.dtype("<i1"), "INT16": np.dtype("<i2"), "INT32": np.dtype("<i4"),
    "INT64": np.dtype("<i8"), "FP16": np.dtype("<f2"), "FP32": np.dtype("<f4"), "FP64": np.dtype("<f8"),
}


class ProtocolError(Exception):
    """A reply that does not follow docs/protocol.md."""


def request_header(request_id, model, inputs, priority="", timeout_us=0, flags=0, lowest="", pinned="",
                   version=VERSION, kind=INFER_REQUEST):
    """The request header: 28 bytes, then the model, priority, lowest and pinned variant."""
    strings = [s if isinstance(s, bytes) else s.encode() for s in (model, priority, lowest, pinned)]
    fixed = struct.pack(REQUEST_HEADER, MAGIC, version, kind, request_id, timeout_us, flags, inputs,
                        *(len(s) for s in strings))
    return fixed + b"".join(strings)


def tensor_header(name, datatype, shape):
    """A tensor header: name and datatype lengths, rank, reserved 0, the dimensions, name, datatype."""
    name, datatype = name.encode(), datatype.encode()
    return struct.pack(f"<BBBB{len(shape)}q", len(name), len(datatype), len(shape), 0, *shape) + name + datatype


def datatype_of(array):
    return next(name for name, dtype in NUMPY.items() if dtype == array.dtype.newbyteorder("<"))


def request(request_id, model, arrays, **options):
    """The frames of an infer request: `arrays` maps each input's name to a numpy array."""
    frames = [request_header(request_id, model, len(arrays), **options)]
    for name, array in arrays.items():
        little = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
        frames += [tensor_header(name, datatype_of(array), array.shape), little.tobytes()]
    return frames


class Reply:
    """One decoded reply: header fields, and outputs by name (numpy arrays, in the model's order)."""

    def __init__(self, frames):
        header = frames[0]
        if len(header) < 40:
            raise ProtocolError(f"reply header of {len(header)} bytes, at least 40 expected")
        (magic, version, kind, self.id, self.status, count, self.queue_us, self.service_us, self.domain,
         r, v, g, n, e) = struct.unpack_from(REPLY_HEADER, header)
        if (magic, version, kind) != (MAGIC, VERSION, INFER_REPLY):
            raise ProtocolError(f"reply header starts {header[:4].hex()}")
        if len(header) != 40 + r + v + g + n + e:
            raise ProtocolError(f"reply header of {len(header)} bytes, its lengths give {40 + r + v + g + n + e}")
        strings, offset = [], 40
        for length in (r, v, g, n, e):
            strings.append(header[offset:offset + length].decode())
            offset += length
        self.reason, self.variant, self.downgrade, self.node, self.message = strings
        if len(frames) != 1 + 2 * count:
            raise ProtocolError(f"{len(frames)} frames for {count} outputs")
        self.outputs, self.datatypes = {}, {}
        for index in range(count):
            name, datatype, shape = read_tensor_header(frames[1 + 2 * index])
            data = frames[2 + 2 * index]
            expected = int(np.prod(shape, dtype=np.int64)) * NUMPY[datatype].itemsize
            if len(data) != expected:
                raise ProtocolError(f"output {name}: {len(data)} data bytes, shape {shape} gives {expected}")
            self.outputs[name] = np.frombuffer(data, dtype=NUMPY[datatype]).reshape(shape)
            self.datatypes[name] = datatype

    def __repr__(self):
        shapes = {name: list(array.shape) for name, array in self.outputs.items()}
        return (f"<reply id={self.id} {self.status} {self.reason or 'ran'} variant={self.variant!r} "
                f"downgrade={self.downgrade!r} node={self.node!r} domain={self.domain} queue={self.queue_us}us "
                f"service={self.service_us}us outputs={shapes} message={self.message!r}>")


def read_tensor_header(frame):
    if len(frame) < 4:
        raise ProtocolError(f"tensor header of {len(frame)} bytes")
    n, d, rank, reserved = struct.unpack_from("<BBBB", frame)
    if reserved != 0 or len(frame) != 4 + 8 * rank + n + d:
        raise ProtocolError(f"tensor header of {len(frame)} bytes, reserved {reserved}, lengths {n} {d} {rank}")
    shape = struct.unpack_from(f"<{rank}q", frame, 4)
    offset = 4 + 8 * rank
    name, datatype = frame[offset:offset + n].decode(), frame[offset + n:offset + n + d].decode()
    if datatype not in NUMPY or any(dimension < 0 for dimension in shape):
        raise ProtocolError(f"tensor {name}: datatype {datatype!r} shape {shape}")
    return name, datatype, shape


class Dealer:
    """A DEALER connected to the agent; replies arrive in any order and are kept by id."""

    def __init__(self, context, endpoint, **options):
        self.socket = context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        for option, value in options.items():
            self.socket.setsockopt(getattr(zmq, option), value)
        self.socket.connect(endpoint)
        self.early = {}

    def send(self, frames):
        self.socket.send_multipart(frames)

    def receive(self, timeout_s=10.0):
        """The next reply, or None when none comes within the timeout."""
        if not self.socket.poll(int(timeout_s * 1000)):
            return None
        return Reply(self.socket.recv_multipart())

    def reply_to(self, request_id, timeout_s=10.0):
        """The reply carrying `request_id`, keeping others that arrive first; None on timeout."""
        end = time.monotonic() + timeout_s
        while request_id not in self.early:
            reply = self.receive(max(0.0, end - time.monotonic()))
            if reply is None:
                return None
            if reply.id in self.early:
                raise ProtocolError(f"two replies carry id {reply.id}: {self.early[reply.id]} and {reply}")
            self.early[reply.id] = reply
        return self.early.pop(request_id)

    def call(self, frames, timeout_s=10.0):
        """Sends one request and waits for its reply (by the id in its header)."""
        request_id = struct.unpack_from("<Q", frames[0], 4)[0] if len(frames[0]) >= 12 else 0
        self.send(frames)
        return self.reply_to(request_id, timeout_s)

    def close(self):
        self.socket.close()
