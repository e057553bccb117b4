#!/usr/bin/env python3
"""Checks the agent's hand-written grpc_service.proto against the descriptor
tritonclient[grpc] ships (Triton's own grpc_service.proto): every message,
field (name, number, type, label, message type, oneof) and RPC (types,
streaming) the agent declares must be Triton's, so the two never drift.

    python3 Tests/Clients/grpc_wire_drift.py PATH/TO/grpc_service.proto

Needs protoc (scripts/setup.sh installs protobuf-compiler). Exits 0 when
everything matches, printing what it compared.
"""
import os
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2
from tritonclient.grpc import service_pb2

PROTO = sys.argv[1]
with tempfile.TemporaryDirectory() as folder:
    out = os.path.join(folder, "ours.pb")
    subprocess.run(["protoc", f"--proto_path={os.path.dirname(PROTO)}", f"--descriptor_set_out={out}", PROTO],
                   check=True)
    ours = descriptor_pb2.FileDescriptorSet.FromString(open(out, "rb").read()).file[0]
theirs = descriptor_pb2.FileDescriptorProto()
service_pb2.DESCRIPTOR.CopyToProto(theirs)
problems = []


def messages(file):
    found = {}

    def walk(message, prefix):
        name = f"{prefix}.{message.name}"
        found[name] = message
        for nested in message.nested_type:
            walk(nested, name)
    for message in file.message_type:
        walk(message, f".{file.package}")
    return found


def field_key(message, field):
    oneof = message.oneof_decl[field.oneof_index].name if field.HasField("oneof_index") else None
    return (field.number, field.type, field.label, field.type_name, oneof)


ours_messages, their_messages = messages(ours), messages(theirs)
check_count = 0
for name, message in ours_messages.items():
    other = their_messages.get(name)
    if other is None:
        problems.append(f"message {name} is not Triton's")
        continue
    their_fields = {f.name: f for f in other.field}
    for field in message.field:
        check_count += 1
        match = their_fields.get(field.name)
        if match is None or field_key(message, field) != field_key(other, match):
            problems.append(f"{name}.{field.name}: ours {field_key(message, field)}, Triton's "
                            f"{field_key(other, match) if match else 'none'}")
    missing = set(their_fields) - {f.name for f in message.field}
    if missing:
        problems.append(f"{name}: Triton's fields {sorted(missing)} are missing")
if ours.package != theirs.package:
    problems.append(f"package {ours.package}, Triton's {theirs.package}")
their_methods = {m.name: m for m in theirs.service[0].method}
for method in ours.service[0].method:
    check_count += 1
    other = their_methods.get(method.name)
    key = lambda m: (m.input_type, m.output_type, m.client_streaming, m.server_streaming)
    if other is None or key(method) != key(other):
        problems.append(f"rpc {method.name}: ours {key(method)}, Triton's {key(other) if other else 'none'}")
if ours.service[0].name != theirs.service[0].name:
    problems.append(f"service {ours.service[0].name}, Triton's {theirs.service[0].name}")
for problem in problems:
    print(f"FAIL {problem}")
if problems:
    sys.exit(1)
print(f"ok   {len(ours_messages)} messages, {check_count} fields and RPCs match Triton's")
