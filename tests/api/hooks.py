"""Schemathesis hooks for the Center (loaded by tests/api/schemathesis.sh through
SCHEMATHESIS_HOOKS). The body of POST /v1/deliveries is a binary frame of the project's own
media type, which schemathesis has no serializer for: generated values (bytes for a
`format: binary` string, or anything else when it makes negative cases) go out as their raw
bytes, as a client would send a frame. Nothing here changes what is checked."""

import schemathesis
from schemathesis.transport.serialization import serialize_binary


@schemathesis.serializer("application/vnd.first-contact.batch")
def batch_frame(ctx, value):
    return serialize_binary(value)
