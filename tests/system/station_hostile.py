#!/usr/bin/env python3
"""station_hostile.py - what a hostile or careless client cannot do to a
running instructor station (docs/station-protocol.md), over the wire as a
browser or a script would: standard library only (a WebSocket client of
its own, RFC 6455 framing).

  python3 tests/system/station_hostile.py URL USER PASSWORD [RECORDS.db]

URL is a running `saqr serve` (http://127.0.0.1:PORT), USER/PASSWORD an
instructor's; RECORDS.db, when given, its SQLite records, into which
scenario rows no station would write are put.  Checked, each failing the run when broken:
  - a login body of brackets nested 1,000 deep (2 kB, under the body
    limit) is refused with 400 and the server keeps serving (it once
    overflowed a worker's stack in the JSON parser);
  - the same nesting, and text after a message's JSON, on the WebSocket:
    an error each, and the connection goes on;
  - a start naming no lesson while a sortie is flown is refused and the
    sortie goes on (it once ended, graded, the sortie in progress);
  - a diversion (`divert`) with a missing, mistyped, empty, oversized or
    strangely spelt checkpoint id, from the cockpit, or in a lesson
    without a diversion is refused, and the sortie flies on;
  - an item's mark (`mark`) of the wrong shape, type, size or spelling,
    from the cockpit, or in a demonstration is refused, nothing is marked,
    and the cockpit's state carries no items;
  - a replay's parameter overlays reach the instructors, one who
    connects during the replay too, and never the cockpit's socket;
  - the API's lists refuse other methods than GET with 405;
  - a sortie comment or an instructor's grade of the wrong method, shape,
    type, size or text, or
    for no such sortie, or without a session, is refused with its status;
  - a stored sortie's flight loaded into the replay (POST
    /api/records/replay) of the wrong method, shape, type or size, for no
    such sortie, while a sortie is flown, or without a session, is refused;
  - a lesson's route (GET /api/lessons/route) only for a session, and
    for lesson ids only (no traversal);
  - after a logout, the instructor's open socket may no longer command:
    its next message is refused and the socket closed.
Exit 0 when all hold, 1 with the first failure named."""
import base64
import http.client
import json
import os
import socket
import sqlite3
import struct
import sys
import time
import urllib.parse


def fail(why):
    print("station_hostile: FAIL " + why, file=sys.stderr)
    sys.exit(1)


class Ws:
    """A minimal WebSocket client: masked text frames out, frames in."""

    def __init__(self, host, port, path, cookie):
        self.sock = socket.create_connection((host, port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
               f"Cookie: saqr_session={cookie}\r\n\r\n")
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                fail("the WebSocket upgrade was refused")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            fail("the WebSocket upgrade answered " + head.split(b"\r\n")[0].decode())
        self.buf = b""

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        hdr = bytes([0x81])
        if n < 126:
            hdr += bytes([0x80 | n])
        else:
            hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
        self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def frame(self):
        """(opcode, payload bytes)."""
        b0, b1 = self._read(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack(">H", self._read(2))[0]
        elif n == 127:
            n = struct.unpack(">Q", self._read(8))[0]
        return b0 & 0x0F, self._read(n)

    def wait_for(self, pred, what, timeout_s=10.0):
        """The first text message (as a dict) for which pred holds."""
        end = time.time() + timeout_s
        while time.time() < end:
            op, data = self.frame()
            if op == 8:
                raise ConnectionError("closed by the server")
            if op != 1:
                continue
            msg = json.loads(data)
            if pred(msg):
                return msg
        fail("no " + what + " within %.0f s" % timeout_s)


def request(host, port, method, path, body=None, cookie=None):
    c = http.client.HTTPConnection(host, port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = "saqr_session=" + cookie
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    cookie_out = r.getheader("Set-Cookie") or ""
    c.close()
    return r.status, data, cookie_out


def refused_all(host, port, token, path, cases, anon_body, what):
    """Each (method, body, status) of `cases` answered so at `path`, and the
    anonymous POST of anon_body 401."""
    for method, body, want in cases:
        status, _, _ = request(host, port, method, path, body, cookie=token)
        if status != want:
            fail("%s %s %r answered %d, wanted %d" % (method, path, body[:60], status, want))
    status, _, _ = request(host, port, "POST", path, anon_body)
    if status != 401:
        fail("%s without a session answered %d, wanted 401" % (what, status))


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    u = urllib.parse.urlparse(sys.argv[1])
    host, port, user, password = u.hostname, u.port, sys.argv[2], sys.argv[3]
    db_path = sys.argv[4] if len(sys.argv) == 5 else None  # the station's SQLite records, to write rows into

    deep = "[" * 1000 + "]" * 1000
    status, body, _ = request(host, port, "POST", "/api/login", deep)
    if status != 400:
        fail("a login nested 1,000 deep answered %d, wanted 400" % status)
    status, _, _ = request(host, port, "GET", "/")
    if status != 200:
        fail("the station stopped serving after a deeply nested login (GET / answered %d)" % status)
    print("ok   a login nested 1,000 deep is refused and the station serves on")

    login = json.dumps({"name": user, "password": password})
    status, _, set_cookie = request(host, port, "POST", "/api/login", login)
    if status != 200 or "saqr_session=" not in set_cookie:
        fail("login answered %d" % status)
    token = set_cookie.split("saqr_session=")[1].split(";")[0]

    ws = Ws(host, port, "/ws?role=instructor", token)
    ws.wait_for(lambda m: m.get("type") == "hello", "hello")
    ws.send(json.dumps({"type": "start", "lesson": "super-mushak/straight-and-level", "pilot": "reference",
                        "id": 1}))
    ws.wait_for(lambda m: m.get("type") == "ack" and m.get("ref") == 1, "ack of the start")
    ws.wait_for(lambda m: m.get("type") == "state" and m.get("status") == "running", "running state")

    ws.send("[" * 900 + "]" * 900)
    err = ws.wait_for(lambda m: m.get("type") == "error", "error for a deeply nested message")
    if "nested" not in err.get("message", ""):
        fail("a deeply nested message gave the error %r" % err)
    ws.send('{"type":"pause","id":7}{"type":"end"}')
    err = ws.wait_for(lambda m: m.get("type") in ("error", "ack"), "answer to text after the JSON")
    if err.get("type") != "error" or "after" not in err.get("message", ""):
        fail("a message with text after its JSON gave %r" % err)
    print("ok   deep nesting and text after the JSON are refused on the WebSocket, which goes on")

    ws.send(json.dumps({"type": "start", "lesson": "../../../etc/passwd", "pilot": "reference", "id": 2}))
    ws.wait_for(lambda m: m.get("type") == "ack" and m.get("ref") == 2, "ack of the bad start")
    note = ws.wait_for(lambda m: m.get("type") == "error" and "ref" not in m, "the station's error for the bad start")
    if "cannot start" not in note.get("message", ""):
        fail("the bad start's error was %r" % note)
    t0 = ws.wait_for(lambda m: m.get("type") == "state", "state")
    time.sleep(1.0)
    t1 = ws.wait_for(lambda m: m.get("type") == "state", "state")
    if t1.get("status") != "running" or t1.get("lesson", {}).get("id") != "super-mushak/straight-and-level":
        fail("after a start naming no lesson the station is %r, lesson %r" % (t1.get("status"), t1.get("lesson")))
    if not t1.get("t", 0) > t0.get("t", 0):
        fail("the sortie's time did not go on after a start naming no lesson")
    print("ok   a start naming no lesson is refused and the sortie in progress flies on")

    # the instructor's diversion: refused by the protocol (with the
    # message's id) or by the sortie (straight and level has none)
    bad_diverts = [
        ({"type": "divert"}, '"to" is required'), ({"type": "divert", "to": None}, "divert.to"),
        ({"type": "divert", "to": 7}, "divert.to"), ({"type": "divert", "to": 1e300}, "divert.to"),
        ({"type": "divert", "to": True}, "divert.to"), ({"type": "divert", "to": ["opps"]}, "divert.to"),
        ({"type": "divert", "to": {"id": "opps"}}, "divert.to"), ({"type": "divert", "to": ""}, "divert.to"),
        ({"type": "divert", "to": "x" * 48}, "divert.to"), ({"type": "divert", "to": "x" * 4000}, "divert.to"),
        ({"type": "divert", "to": "../../etc/passwd"}, "divert.to"), ({"type": "divert", "to": "op ps"}, "divert.to"),
        ({"type": "divert", "to": "opps\n"}, "divert.to"), ({"type": "divert", "to": "\u00e9t\u00e9"}, "divert.to"),
        ({"type": "divert", "to": "opps", "via": "takht"}, "unknown field"),
    ]
    for i, (msg, says) in enumerate(bad_diverts):
        ws.send(json.dumps(dict(msg, id=100 + i)))
        err = ws.wait_for(lambda m, ref=100 + i: m.get("ref") == ref, "answer to a bad divert")
        if err.get("type") != "error" or says not in err.get("message", ""):
            fail("divert %r gave %r, wanted an error with %r" % (json.dumps(msg)[:60], err, says))
    # over the size limit: refused unread, so without its id
    ws.send(json.dumps({"type": "divert", "to": "x" * 20000, "id": 99}))
    err = ws.wait_for(lambda m: m.get("type") in ("error", "ack"), "answer to a 20 kB divert")
    if err.get("type") != "error" or "at most 4096" not in err.get("message", ""):
        fail("a 20 kB divert gave %r" % err)
    # a NUL escaped in the id: the JSON parser's string ends there, so
    # this is "opps", refused by the sortie as the one below
    ws.send(r'{"type":"divert","to":"opps\u0000x","id":97}')
    if ws.wait_for(lambda m: m.get("ref") == 97, "answer to a divert with a NUL").get("type") == "ack":
        ws.wait_for(lambda m: m.get("type") == "error" and "has no diversion" in m.get("message", ""),
                    "the station's refusal of the divert with a NUL")
    ws.send(json.dumps({"type": "divert", "to": "opps", "id": 98}))
    ws.wait_for(lambda m: m.get("type") == "ack" and m.get("ref") == 98, "ack of a divert")
    note = ws.wait_for(lambda m: m.get("type") == "error" and "ref" not in m, "the station's refusal of the divert")
    if "has no diversion" not in note.get("message", ""):
        fail("a divert in a lesson without one gave %r" % note)
    status, body, _ = request(host, port, "GET", "/api/session", cookie=token)
    key = json.loads(body).get("cockpit_url", "").split("#key=")[-1] if status == 200 else ""
    cockpit = Ws(host, port, "/ws?role=cockpit&key=" + key, "")
    cockpit.wait_for(lambda m: m.get("type") == "hello", "the cockpit's hello")
    cockpit.send(json.dumps({"type": "divert", "to": "opps", "id": 5}))
    err = cockpit.wait_for(lambda m: m.get("ref") == 5, "answer to the cockpit's divert")
    if err.get("type") != "error" or "not allowed from the cockpit" not in err.get("message", ""):
        fail("a divert from the cockpit gave %r" % err)
    cockpit.sock.close()
    t0 = ws.wait_for(lambda m: m.get("type") == "state", "state")
    time.sleep(0.5)
    t1 = ws.wait_for(lambda m: m.get("type") == "state", "state")
    if t1.get("status") != "running" or not t1.get("t", 0) > t0.get("t", 0):
        fail("after the bad diverts the station is %r at t=%r" % (t1.get("status"), t1.get("t")))
    if (t1.get("exercise") or {}).get("divert_open") is not False:
        fail("a lesson without a diversion has divert_open %r" % (t1.get("exercise") or {}).get("divert_open"))
    print("ok   bad diverts (types, sizes, spellings, the cockpit's, a lesson without one) are refused; "
          "the sortie flies on")

    # the instructor's mark of an item in flight: refused by the protocol
    # (with the message's id), by the sortie (a demonstration: nothing of
    # a trainee's to mark) or from the cockpit; the sortie flies on and no
    # item is marked
    ok_mark = {"type": "mark", "exercise": "cruise", "item": "lookout", "mark": "Good"}
    bad_marks = [
        ({"type": "mark"}, "is required"), (dict(ok_mark, mark=None), "mark.mark"),
        (dict(ok_mark, mark="good"), "mark.mark"), (dict(ok_mark, mark="Not observed"), "mark.mark"),
        (dict(ok_mark, mark=3), "mark.mark"), (dict(ok_mark, mark=["Good"]), "mark.mark"),
        (dict(ok_mark, exercise=""), "mark.exercise"), (dict(ok_mark, exercise="x" * 48), "mark.exercise"),
        (dict(ok_mark, item={"id": "lookout"}), "mark.item"), (dict(ok_mark, item="x" * 4000), "mark.item"),
        (dict(ok_mark, by="IP-1"), "unknown field"),
    ]
    for i, (msg, says) in enumerate(bad_marks):
        ws.send(json.dumps(dict(msg, id=200 + i)))
        err = ws.wait_for(lambda m, ref=200 + i: m.get("ref") == ref, "answer to a bad mark")
        if err.get("type") != "error" or says not in err.get("message", ""):
            fail("mark %r gave %r, wanted an error with %r" % (json.dumps(msg)[:60], err, says))
    for i, (msg, says) in enumerate([(ok_mark, "automatic pilot"),
                                     (dict(ok_mark, item="../../etc/passwd"), "automatic pilot")]):
        ws.send(json.dumps(dict(msg, id=250 + i)))
        ws.wait_for(lambda m, ref=250 + i: m.get("type") == "ack" and m.get("ref") == ref, "ack of a mark")
        note = ws.wait_for(lambda m: m.get("type") == "error" and "ref" not in m, "the station's refusal of a mark")
        if says not in note.get("message", ""):
            fail("a mark in a demonstration gave %r" % note)
    cockpit = Ws(host, port, "/ws?role=cockpit&key=" + key, "")
    cockpit.wait_for(lambda m: m.get("type") == "hello", "the cockpit's hello")
    cockpit.send(json.dumps(dict(ok_mark, id=6)))
    err = cockpit.wait_for(lambda m: m.get("ref") == 6, "answer to the cockpit's mark")
    if err.get("type") != "error" or "not allowed from the cockpit" not in err.get("message", ""):
        fail("a mark from the cockpit gave %r" % err)
    seen = cockpit.wait_for(lambda m: m.get("type") == "state", "the cockpit's state")
    if seen.get("items"):
        fail("the cockpit's state carries the instructor's items: %r" % seen.get("items"))
    cockpit.sock.close()
    t1 = ws.wait_for(lambda m: m.get("type") == "state", "state")
    if t1.get("status") != "running":
        fail("after the bad marks the station is %r" % t1.get("status"))
    items = t1.get("items") or []
    if not any(it.get("id") == "lookout" for it in items) or any(it.get("mark") != "Not observed" for it in items):
        fail("after the refused marks the items are %r" % items)
    print("ok   bad marks (types, sizes, spellings, the cockpit's, a demonstration's) are refused; nothing is marked")

    # a replay's overlays go to the instructors - also to one who connects
    # while it plays - and never to the cockpit
    ws.send(json.dumps({"type": "replay", "seconds": 10, "speed": 0.25, "id": 60}))
    trace = ws.wait_for(lambda m: m.get("type") == "replay_trace", "the replay's overlays")
    if len(trace.get("points", [])) < 5 or trace.get("channels", [None])[0] != "t-s":
        fail("the replay's overlays are %r" % {k: trace.get(k) for k in ("channels", "epoch")})
    late = Ws(host, port, "/ws?role=instructor", token)
    late_trace = late.wait_for(lambda m: m.get("type") == "replay_trace", "the overlays for a late instructor")
    if late_trace.get("epoch") != trace.get("epoch"):
        fail("the late instructor got epoch %r, not %r" % (late_trace.get("epoch"), trace.get("epoch")))
    late.sock.close()
    cockpit = Ws(host, port, "/ws?role=cockpit&key=" + key, "")
    end = time.time() + 1.5
    while time.time() < end:
        op, data = cockpit.frame()
        if op == 1 and json.loads(data).get("type") == "replay_trace":
            fail("the cockpit was sent the replay's overlays")
    cockpit.sock.close()
    ws.send(json.dumps({"type": "replay", "stop": True, "id": 61}))
    ws.wait_for(lambda m: m.get("type") == "state" and m.get("replay") is False, "the state after the replay")
    print("ok   a replay's overlays reach the instructors (one connecting during it too), not the cockpit")

    for method in ("DELETE", "POST", "PUT"):
        status, _, _ = request(host, port, method, "/api/lessons", "", cookie=token)
        if status != 405:
            fail("%s /api/lessons answered %d, wanted 405" % (method, status))
    print("ok   the API's lists answer other methods than GET with 405")

    # the sortie comment: every malformed request is refused, none crashes
    bad_comments = [
        ("GET", "", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413),
        ("POST", '{"sortie": "1", "comment": "x"}', 400), ("POST", '{"sortie": 1.5, "comment": "x"}', 400),
        ("POST", '{"sortie": -3, "comment": "x"}', 400), ("POST", '{"sortie": 1e300, "comment": "x"}', 400),
        ("POST", '{"sortie": 1}', 400), ("POST", '{"sortie": 1, "comment": 7}', 400),
        ("POST", '{"sortie": 999999, "comment": "x"}', 404),
        ("POST", json.dumps({"sortie": 999999, "comment": "tab\there"}), 400),
        ("POST", '{"sortie": 999999, "comment": "\\ud800"}', 400),
    ]
    refused_all(host, port, token, "/api/records/comment", bad_comments, '{"sortie": 1, "comment": "x"}', "a comment")
    print("ok   malformed sortie comments are refused (400/404/405/413), without a session 401")

    # the instructor's grade: the same, and a result that is none or no reason
    bad_grades = [
        ("GET", "", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413),
        ("POST", '{"sortie": "1", "result": "Pass", "reason": "x"}', 400),
        ("POST", '{"sortie": 1.5, "result": "Pass", "reason": "x"}', 400),
        ("POST", '{"sortie": 1, "result": "pass", "reason": "x"}', 400),
        ("POST", '{"sortie": 1, "result": 0, "reason": "x"}', 400),
        ("POST", '{"sortie": 1, "result": "Unsat"}', 400),
        ("POST", '{"sortie": 999999, "result": "Unsat", "reason": ""}', 400),
        ("POST", json.dumps({"sortie": 999999, "result": "Unsat", "reason": "bell\a"}), 400),
        ("POST", '{"sortie": 999999, "result": "Unsat", "reason": "x"}', 404),
    ]
    refused_all(host, port, token, "/api/records/grade", bad_grades, '{"sortie": 1, "result": "Unsat", "reason": "x"}',
                "a grade")
    print("ok   malformed instructor's grades are refused (400/404/405/413), without a session 401")
    # a stored sortie's grading for the debrief panel: GET with ?sortie=ID
    for path, want in (("/api/records/sortie", 400), ("/api/records/sortie?sortie=0", 400),
                       ("/api/records/sortie?sortie=1x", 400), ("/api/records/sortie?sortie=99999999999999999999", 400),
                       ("/api/records/sortie?sortie=999999", 404)):
        status, _, _ = request(host, port, "GET", path, cookie=token)
        if status != want:
            fail("GET %s answered %d, wanted %d" % (path, status, want))
    status, _, _ = request(host, port, "POST", "/api/records/sortie?sortie=1", "{}", cookie=token)
    anon, _, _ = request(host, port, "GET", "/api/records/sortie?sortie=1")
    if status != 405 or anon != 401:
        fail("a stored sortie answered %d to a POST (wanted 405), %d without a session (wanted 401)" % (status, anon))
    print("ok   a stored sortie's grading: 400 for a bad id, 404 for none, 405 to a POST, 401 without a session")

    # the instructor's marks of items: the same shapes, a mark that is none
    bad_marks = [
        ("GET", "", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413),
        ("POST", '{"sortie": "1", "exercise": "e", "item": "i", "mark": "Good"}', 400),
        ("POST", '{"sortie": 1, "exercise": 3, "item": "i", "mark": "Good"}', 400),
        ("POST", '{"sortie": 1, "exercise": "e", "mark": "Good"}', 400),
        ("POST", '{"sortie": 1, "exercise": "e", "item": "i", "mark": "good"}', 400),
        ("POST", '{"sortie": 1, "exercise": "e", "item": "i", "mark": "Not observed"}', 400),
        ("POST", json.dumps({"sortie": 999999, "exercise": "e\n", "item": "i", "mark": "Good"}), 400),
        ("POST", '{"sortie": 999999, "exercise": "e", "item": "i", "mark": "none"}', 404),
    ]
    refused_all(host, port, token, "/api/records/mark", bad_marks,
                '{"sortie": 1, "exercise": "e", "item": "i", "mark": "Good"}', "a mark")
    print("ok   malformed marks of items are refused (400/404/405/413), without a session 401")

    # a stored sortie's flight into the replay: the same shapes; refused
    # while the sortie started above is flown (409)
    bad_replays = [
        ("GET", "", 405), ("PUT", "{}", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413),
        ("POST", "{}", 400), ("POST", '{"sortie": "1"}', 400), ("POST", '{"sortie": 0}', 400),
        ("POST", '{"sortie": -3}', 400), ("POST", '{"sortie": 1.5}', 400), ("POST", '{"sortie": 1e300}', 400),
        ("POST", '{"sortie": 999999}', 404), ("POST", '{"sortie": 1}', 409),
        ("POST", '{"sortie": 1, "from_s": "60"}', 400), ("POST", '{"sortie": 1, "from_s": -1}', 400),
        ("POST", '{"sortie": 1, "from_s": 1e300}', 400), ("POST", '{"sortie": 1, "from_s": true}', 400),
        ("POST", '{"sortie": 1, "from_s": [60]}', 400), ("POST", '{"sortie": 1, "from_s": 60}', 409),
        ("POST", '{"sortie": 999999, "from_s": 60}', 404),
    ]
    refused_all(host, port, token, "/api/records/replay", bad_replays, '{"sortie": 1}', "a replay")
    state = ws.wait_for(lambda m: m.get("type") == "state", "state")
    if state.get("status") != "running" or state.get("replay"):
        fail("after the refused replays the station is %r (replay %r)" % (state.get("status"), state.get("replay")))
    print("ok   malformed replays of stored sorties (and their start times) are refused (400/404/405/409/413), "
          "without a session 401")
    # the instructors' scenarios: malformed ones refused, with the reason;
    # only the four kinds of setting a scenario holds; one saved, replaced,
    # applied to the sortie flown (409 for another aircraft's), deleted
    wx = {"type": "weather", "wind_from_deg": 300, "wind_kt": 12}
    bad_saves = [
        ("PUT", "{}", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413), ("POST", "{}", 400),
        ("POST", json.dumps({"name": 5, "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "", "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "a\nb", "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "n" * 3000, "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "s", "aircraft": "Super Mushak", "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "s", "aircraft": "no-such-type", "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "s", "aircraft": "../lessons", "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "s", "aircraft": 7, "commands": [wx]}), 400),
        ("POST", json.dumps({"name": "s"}), 400), ("POST", json.dumps({"name": "s", "commands": []}), 400),
        ("POST", json.dumps({"name": "s", "commands": "weather"}), 400),
        ("POST", json.dumps({"name": "s", "commands": [[1]]}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "weather"}] * 33}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "start", "lesson": "super-mushak/circuit"}]}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "end"}]}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "weather", "wind_kt": 1e9}]}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "weather", "wind_kt": "x"}]}), 400),
        ("POST", json.dumps({"name": "s", "commands": [{"type": "load", "mass": 0, "mass_kg": 80}]}), 400),
    ]
    refused_all(host, port, token, "/api/scenarios", bad_saves, json.dumps({"name": "s", "commands": [wx]}),
                "a scenario")
    status, _, _ = request(host, port, "GET", "/api/scenarios")
    if status != 401:
        fail("the scenarios' list without a session answered %d, wanted 401" % status)
    for path in ("/api/scenarios/apply", "/api/scenarios/delete"):
        refused_all(host, port, token, path, [
            ("GET", "", 405), ("POST", "[" * 1000 + "]" * 1000, 400), ("POST", "x" * 5000, 413), ("POST", "{}", 400),
            ("POST", '{"name": 5}', 400), ("POST", '{"name": "no such scenario"}', 404)], '{"name": "s"}', path)
    saves = [(json.dumps({"name": "H windy", "aircraft": None, "commands": [wx]}), 201),
             (json.dumps({"name": "H windy", "commands": [wx]}), 200),
             (json.dumps({"name": "H jet", "aircraft": "jf17", "commands": [wx]}), 201)]
    for body, want in saves:
        status, answer, _ = request(host, port, "POST", "/api/scenarios", body, cookie=token)
        if status != want:
            fail("saving %s answered %d %r, wanted %d" % (body[:40], status, answer[:80], want))
    status, answer, _ = request(host, port, "GET", "/api/scenarios", cookie=token)
    names = [x["name"] for x in json.loads(answer)["scenarios"]] if status == 200 else []
    if names != ["H jet", "H windy"]:
        fail("the scenarios listed are %r (HTTP %d)" % (names, status))
    status, answer, _ = request(host, port, "POST", "/api/scenarios/apply", '{"name": "H jet"}', cookie=token)
    if status != 409 or b"is for the jf17" not in answer:
        fail("a JF-17's scenario applied to a Super Mushak's sortie answered %d %r" % (status, answer[:80]))
    status, _, _ = request(host, port, "POST", "/api/scenarios/apply", '{"name": "H windy"}', cookie=token)
    if status != 202:
        fail("applying a scenario answered %d, wanted 202" % status)
    ws.wait_for(lambda m: m.get("type") == "notice" and m.get("message") == 'scenario "H windy" applied',
                "the station telling the scenario applied")
    ws.wait_for(lambda m: m.get("type") == "state" and m.get("weather", {}).get("wind_kt") == 12,
                "the scenario's wind in force")
    for name, want in (("H windy", 200), ("H jet", 200), ("H jet", 404)):
        status, _, _ = request(host, port, "POST", "/api/scenarios/delete", json.dumps({"name": name}), cookie=token)
        if status != want:
            fail("deleting %s answered %d, wanted %d" % (name, status, want))
    # rows the records hold that a station never wrote (changed by hand,
    # cut short): listed as they are, refused when applied (422) with the
    # reason, nothing applied, the station flying on
    if db_path:
        con = sqlite3.connect(db_path)
        con.executemany("INSERT INTO scenarios (name, commands, saved_at) VALUES (?, ?, ?)",
                        [("H cut", '[{"type":"weather","wind_k', "2026-12-07T00:00:00Z"),
                         ("H ended", '[{"type":"end"}]', "2026-12-07T00:00:00Z")])
        con.commit()
        con.close()
        status, answer, _ = request(host, port, "GET", "/api/scenarios", cookie=token)
        listed = {x["name"]: x["commands"] for x in json.loads(answer)["scenarios"]} if status == 200 else {}
        if listed.get("H cut", 0) is not None or listed.get("H ended") != [{"type": "end"}]:
            fail("the scenarios with rows not a station's are listed as %r (HTTP %d)" % (listed, status))
        for name, says in (("H cut", b"stored commands are not JSON"), ("H ended", b"commands[0]: a scenario sets")):
            status, answer, _ = request(host, port, "POST", "/api/scenarios/apply", json.dumps({"name": name}),
                                        cookie=token)
            if status != 422 or says not in answer:
                fail("applying %s answered %d %r, wanted 422 saying %r" % (name, status, answer[:100], says))
            status, _, _ = request(host, port, "POST", "/api/scenarios/delete", json.dumps({"name": name}),
                                   cookie=token)
            if status != 200:
                fail("deleting %s answered %d" % (name, status))
        state = ws.wait_for(lambda m: m.get("type") == "state", "state")
        if state.get("status") != "running":
            fail("after the broken scenarios the station is %r" % state.get("status"))
    print("ok   scenarios: malformed ones and other commands refused (400/404/405/413), without a session 401; one "
          "saved, replaced, applied (another aircraft's 409) and deleted; rows not a station's refused (422)")
    status, _, _ = request(host, port, "GET", "/api/records/board")
    board_post, _, _ = request(host, port, "POST", "/api/records/board", "{}", cookie=token)
    if status != 401 or board_post != 405:
        fail("the board answered %d without a session (wanted 401), %d to a POST (wanted 405)" % (status, board_post))
    print("ok   the board of every trainee: 401 without a session, 405 to a POST")

    def briefing_ok(body):
        return b"<h1>Briefing: Steep turns</h1>" in body

    def route_ok(body):
        r = json.loads(body)
        legs = r.get("route")
        if r.get("lesson") == "super-mushak/diversion":  # the diversion: its default destination only
            return (isinstance(legs, list) and len(legs) == 2 and legs[1].get("diversion") is True and
                    legs[1]["to"]["id"] == "opps" and "from" not in legs[1] and len(r.get("checkpoints", [])) == 4)
        return isinstance(legs, list) and len(legs) == 3 and legs[0]["to"]["name"] == "Charsadda (town)"

    # a lesson's briefing (open to the cockpit) and route (the instructor's)
    lesson_pages = [
        ("GET", "/api/lessons/briefing?lesson=super-mushak/steep-turns", None, 200),
        ("GET", "/api/lessons/briefing?lesson=super-mushak%2Fsteep-turns", None, 200),
        ("GET", "/api/lessons/briefing", None, 400), ("GET", "/api/lessons/briefing?lesson=", None, 400),
        ("GET", "/api/lessons/briefing?lesson=../../etc/passwd", None, 400),
        ("GET", "/api/lessons/briefing?lesson=super-mushak/..%2F..%2Fx", None, 400),
        ("GET", "/api/lessons/briefing?lesson=" + "a" * 300, None, 400),
        ("GET", "/api/lessons/briefing?lesson=super-mushak/no-such-lesson", None, 404),
        ("GET", "/api/lessons/briefing?lesson=%00", None, 400),
        ("POST", "/api/lessons/briefing?lesson=super-mushak/steep-turns", token, 405),
        ("GET", "/api/lessons/route?lesson=super-mushak/navigation", None, 401),
        ("GET", "/api/lessons/route?lesson=super-mushak/navigation", token, 200),
        ("GET", "/api/lessons/route?lesson=super-mushak/diversion", token, 200),
        ("GET", "/api/lessons/route", token, 400), ("GET", "/api/lessons/route?lesson=", token, 400),
        ("GET", "/api/lessons/route?lesson=../../etc/passwd", token, 400),
        ("GET", "/api/lessons/route?lesson=" + "a" * 300, token, 400),
        ("GET", "/api/lessons/route?lesson=%00", token, 400),
        ("GET", "/api/lessons/route?lesson=super-mushak/no-such-lesson", token, 404),
        ("POST", "/api/lessons/route?lesson=super-mushak/navigation", token, 405),
    ]
    for method, path, cookie, want in lesson_pages:
        status, body, _ = request(host, port, method, path, "", cookie=cookie)
        if status != want:
            fail("%s %s answered %d, wanted %d" % (method, path[:70], status, want))
        if want == 200 and not (route_ok(body) if "/route" in path else briefing_ok(body)):
            fail("%s is not the lesson's: %r" % (path, body[:200]))
    print("ok   lesson briefings (open to the cockpit) and routes (401 without a session): 400 for ids that are "
          "not lesson ids (traversal), 404 for none, 405 to a POST")

    bad_records = [
        ("GET", "/api/records/record", None, 401), ("POST", "/api/records/record?trainee=X", token, 405),
        ("GET", "/api/records/record", token, 400), ("GET", "/api/records/record?trainee=", token, 400),
        ("GET", "/api/records/record?trainee=" + "9" * 200, token, 400),
        ("GET", "/api/records/record?trainee=%3Cscript%3E", token, 404),
        ("GET", "/api/records/record?trainee=%00x", token, 404),
        ("GET", "/api/records/course", None, 401), ("POST", "/api/records/course", token, 405),
        ("GET", "/api/records/course?x=%00", token, 200),
    ]
    for method, path, cookie, want in bad_records:
        status, _, _ = request(host, port, method, path, "", cookie=cookie)
        if status != want:
            fail("%s %s answered %d, wanted %d" % (method, path[:60], status, want))
    print("ok   the training record and course report: 401 without a session, 405 to a POST, 400 without a "
          "trainee, 404 for none")

    status, _, _ = request(host, port, "POST", "/api/logout", "", cookie=token)
    if status != 200:
        fail("logout answered %d" % status)
    ws.send(json.dumps({"type": "pause", "id": 3}))
    try:
        msg = ws.wait_for(lambda m: m.get("type") in ("error", "ack"), "answer after logout")
        if msg.get("type") != "error" or "session" not in msg.get("message", ""):
            fail("after logout the old socket's command gave %r" % msg)
        ws.wait_for(lambda m: False, "close", timeout_s=5.0)
        fail("the socket stayed open after its session ended")
    except (ConnectionError, OSError):
        pass
    print("ok   after a logout the open instructor socket is refused and closed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ConnectionError, OSError, ValueError) as e:
        fail("the station broke off: %s: %s" % (type(e).__name__, e))
