#!/usr/bin/env python3
"""Stub e-mail (SMTP) and SMS (Brevo HTTP API) providers for scripts/load-booking-provider-down.sh.

usage: provider-stub.py MODE SMTP_PORT HTTP_PORT
  ok    SMTP accepts every message; HTTP answers 201 {"messageId":1,"smsCount":1}
  hang  both accept the connection and never answer
  fail  SMTP answers 421 on connect; HTTP answers 500
Counts what it receives on stdout (one line per request), so the script can show the providers were hit.
"""
import socketserver
import sys
import threading
import time

MODE, SMTP_PORT, HTTP_PORT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def log(what):
    print(f"{time.strftime('%H:%M:%S')} {MODE} {what}", flush=True)


class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        log("smtp connection")
        if MODE == "hang":
            while self.rfile.read(1024):
                pass
            return
        if MODE == "fail":
            self.wfile.write(b"421 4.3.2 Service not available\r\n")
            return
        self.wfile.write(b"220 stub ESMTP\r\n")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-stub\r\n250 SIZE 10000000\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                log("smtp message")
                self.wfile.write(b"250 2.0.0 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class Http(socketserver.StreamRequestHandler):
    def handle(self):
        length = 0
        while True:
            line = self.rfile.readline()
            if not line or line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        self.rfile.read(length)
        log("sms request")
        if MODE == "hang":
            while self.rfile.read(1024):
                pass
            return
        body, status = (b'{"messageId":1,"smsCount":1}', b"201 Created") if MODE == "ok" else (b'{"message":"down"}', b"500 Internal Server Error")
        self.wfile.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


for handler, port in ((Smtp, SMTP_PORT), (Http, HTTP_PORT)):
    threading.Thread(target=Server(("127.0.0.1", port), handler).serve_forever, daemon=True).start()
log(f"listening smtp={SMTP_PORT} http={HTTP_PORT}")
threading.Event().wait()
