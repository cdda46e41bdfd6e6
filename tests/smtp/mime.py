"""Reads e-mail messages as a mail program does, with Python's own `email` package, and prints
them as JSON for the tests: one object per file given, with the parser's defects (a message
that is not well-formed MIME has some), the headers decoded (RFC 2047), the plain-text body
and each attachment's name, type and SHA-256.
"""

import hashlib
import json
import sys
from email import policy
from email.parser import BytesParser


def read(path):
    with open(path, "rb") as f:
        message = BytesParser(policy=policy.default).parse(f)
    defects = [type(d).__name__ for d in message.defects]
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
    body = message.get_body(preferencelist=("plain",))
    return {
        "defects": defects,
        "from": [a.addr_spec for a in message["From"].addresses],
        "to": [a.addr_spec for a in message["To"].addresses],
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "x_unsent": message.get_all("X-Unsent", []),
        "body": body.get_content() if body else "",
        "attachments": [
            {
                "name": part.get_filename(),
                "type": part.get_content_type(),
                "sha256": hashlib.sha256(part.get_content()).hexdigest(),
                "head": part.get_content()[:5].decode("latin-1"),
            }
            for part in message.iter_attachments()
        ],
    }


if __name__ == "__main__":
    json.dump([read(path) for path in sys.argv[1:]], sys.stdout)
