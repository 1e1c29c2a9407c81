/*
 * tcp_listener.h - a TCP listener on 127.0.0.1 at a free port, standing
 * in for a server a test's code connects to (FlightGear's property
 * server: test_fgscene, test_station).
 */
#ifndef SAQR_TEST_TCP_LISTENER_H
#define SAQR_TEST_TCP_LISTENER_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* The listening descriptor; *port its port.  Fails the test if it cannot. */
static inline int tcp_listener_open(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(fd, 4), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

#endif
