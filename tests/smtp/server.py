"""A real SMTP server on 127.0.0.1 for the tests (Debian's python3-aiosmtpd).

Prints `ready PORT` once it listens. Every message it accepts is written to OUT as
`NNNN.eml` (the bytes as received) and `NNNN.json` (envelope sender and recipients), and it
prints `accepted NNNN`. Options: `--starttls CERT KEY` (STARTTLS required before anything),
`--smtps CERT KEY` (TLS from the first byte), `--login USER PASSWORD` (AUTH required),
`--refuse ADDRESS` (550 for that recipient), `--hold` (keep the message, print `holding NNNN`, and
answer only once the file OUT/release appears: a sender can be killed while its message is
on the server but not yet acknowledged).
"""

import argparse
import asyncio
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--starttls", nargs=2)
    parser.add_argument("--smtps", nargs=2)
    parser.add_argument("--login", nargs=2)
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--hold", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    class Handler:
        count = 0

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address in args.refuse:
                return "550 5.1.1 No such user here"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            Handler.count += 1
            name = f"{Handler.count:04d}"
            with open(os.path.join(args.out, name + ".json"), "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
            with open(os.path.join(args.out, name + ".eml"), "wb") as f:
                f.write(envelope.original_content)
            if args.hold:
                # The message is kept; only the reply waits.
                print(f"holding {name}", flush=True)
                while not os.path.exists(os.path.join(args.out, "release")):
                    await asyncio.sleep(0.05)
            print(f"accepted {name}", flush=True)
            return f"250 2.0.0 Ok: queued as {name}"

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == args.login[0]
            and auth_data.password.decode() == args.login[1]
        )
        # Not handled here: aiosmtpd then answers 535 to a wrong login itself.
        return AuthResult(success=ok, handled=False)

    def context(pair):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(pair[0], pair[1])
        return ctx

    options = {}
    if args.starttls:
        options.update(tls_context=context(args.starttls), require_starttls=True)
    if args.smtps:
        options.update(ssl_context=context(args.smtps))
    if args.login:
        options.update(
            authenticator=authenticator,
            auth_required=True,
            # With --smtps the whole connection is TLS, which aiosmtpd does not see itself.
            auth_require_tls=bool(args.starttls),
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print(f"ready {controller.port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


main()
