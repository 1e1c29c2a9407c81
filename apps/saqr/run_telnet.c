/*
 * run_telnet.c - `saqr run`'s property server (see run_telnet.h).  The
 * replies and the "JSBSim> " prompt are JSBSim's, so that scripts written
 * for JSBSim's server work unchanged; unlike JSBSim's it listens on the
 * loopback interface only and does not wait for a client before flying.
 *
 * Reference: JSBSim src/input_output/FGInputSocket.cpp, FGfdmSocket.cpp.
 */
#include "run_telnet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PROMPT "JSBSim> "

static int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int run_telnet_open(run_telnet *t, int port)
{
    memset(t, 0, sizeof *t);
    t->listen_fd = t->client_fd = -1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        fprintf(stderr, "saqr run: property server: socket: %s\n", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 1) != 0 || set_nonblocking(fd) != 0) {
        fprintf(stderr, "saqr run: property server on port %d: %s\n", port, strerror(errno));
        close(fd);
        t->listen_fd = -1;
        return -1;
    }
    t->listen_fd = fd;
    printf("saqr run: property server on 127.0.0.1:%d (JSBSim's commands; try: telnet localhost %d)\n", port,
           port);
    return 0;
}

static void drop_client(run_telnet *t)
{
    if (t->client_fd >= 0)
        close(t->client_fd);
    t->client_fd = -1;
    t->len = 0;
    t->skipping = 0;
}

void run_telnet_close(run_telnet *t)
{
    drop_client(t);
    if (t->listen_fd >= 0)
        close(t->listen_fd);
    t->listen_fd = -1;
}

/* Sends all of `text` (the client may be slow: a short wait, then it is
 * dropped rather than holding the simulation). */
static void send_text(run_telnet *t, const char *text)
{
    size_t n = strlen(text), done = 0;
    for (int tries = 0; done < n && t->client_fd >= 0 && tries < 100; tries++) {
        ssize_t k = send(t->client_fd, text + done, n - done, MSG_NOSIGNAL);
        if (k > 0)
            done += (size_t)k;
        else if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            drop_client(t);
        else
            nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    if (done < n)
        drop_client(t);
}

static void reply(run_telnet *t, const char *text)
{
    send_text(t, text);
    send_text(t, PROMPT);
}

static void act(run_telnet *t, saqr_fdm *f, const char *line, size_t len)
{
    telnet_cmd c;
    telnet_cmd_parse(line, len, &c);
    char out[512];
    int slot;
    switch (c.op) {
    case TELNET_EMPTY:
        return;
    case TELNET_GET:
    case TELNET_SET:
        slot = saqr_fdm_property(f, c.property);
        if (slot < 0) {
            reply(t, "Unknown property\r\n");
        } else if (c.op == TELNET_GET) {
            snprintf(out, sizeof out, "%s = %12.6g\r\n", c.property, saqr_fdm_get(f, slot));
            reply(t, out);
        } else if (saqr_fdm_set(f, slot, c.value) != SAQR_OK) {
            snprintf(out, sizeof out, "%s\r\n", saqr_fdm_error(f));
            reply(t, out);
        } else {
            reply(t, "set successful\r\n");
        }
        return;
    case TELNET_HOLD:
        t->holding = 1;
        reply(t, "Holding\r\n");
        return;
    case TELNET_RESUME:
        t->holding = 0;
        t->iterate_left = 0;
        reply(t, "Resuming\r\n");
        return;
    case TELNET_ITERATE:
        t->iterate_left = c.count;
        t->holding = 0;
        reply(t, "Iterations performed\r\n");
        return;
    case TELNET_INFO:
        /* JSBSim's four lines, in its order (a client reads the aircraft
         * from the third, as JSBSim's TestInputSocket does); the first
         * names the program, the second the file format both read */
        snprintf(out, sizeof out,
                 "JSBSim version: Saqr\r\nConfig File version: 2.0\r\nAircraft simulated: %s\r\n"
                 "Simulation time: %8.3f\r\n",
                 saqr_fdm_aircraft_name(f), saqr_fdm_time(f));
        reply(t, out);
        return;
    case TELNET_HELP:
        reply(t, " JSBSim Server commands:\r\n\r\n   get {property name}\r\n   set {property name} {value}\r\n"
                 "   hold\r\n   resume\r\n   iterate {value}\r\n   help\r\n   quit\r\n   info\r\n\r\n");
        return;
    case TELNET_QUIT:
        send_text(t, "Closing connection\r\n");
        drop_client(t);
        return;
    case TELNET_BAD:
        snprintf(out, sizeof out, "%s\r\n", c.why);
        reply(t, out);
        return;
    }
}

void run_telnet_poll(run_telnet *t, saqr_fdm *f)
{
    if (t->listen_fd < 0)
        return;
    if (t->client_fd < 0) {
        int fd = accept(t->listen_fd, NULL, NULL);
        if (fd < 0)
            return;
        if (set_nonblocking(fd) != 0) {
            close(fd);
            return;
        }
        t->client_fd = fd;
        send_text(t, "Connected to JSBSim server\r\n" PROMPT);
    }
    while (t->client_fd >= 0) {
        ssize_t k = recv(t->client_fd, t->buf + t->len, sizeof t->buf - 1 - t->len, 0);
        if (k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            drop_client(t); /* the client went away */
            return;
        }
        if (k < 0)
            return;
        t->len += (size_t)k;
        /* every whole line; a line longer than the limit is answered once
         * and skipped to its end */
        size_t start = 0;
        for (size_t i = 0; i < t->len; i++) {
            if (t->buf[i] != '\n' && t->buf[i] != '\r')
                continue;
            if (!t->skipping)
                act(t, f, t->buf + start, i - start);
            t->skipping = 0;
            start = i + 1;
            if (t->client_fd < 0)
                return;
        }
        memmove(t->buf, t->buf + start, t->len - start);
        t->len -= start;
        if (t->len > TELNET_LINE_MAX) {
            if (!t->skipping)
                reply(t, "Line too long\r\n");
            t->skipping = 1;
            t->len = 0;
        }
    }
}

void run_telnet_frame_done(run_telnet *t)
{
    if (t->iterate_left > 0 && --t->iterate_left == 0)
        t->holding = 1;
}
