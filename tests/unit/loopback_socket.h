/*
 * loopback_socket.h - a socket bound on 127.0.0.1 at a free port,
 * standing in for FlightGear in the tests: a UDP one for its native-FDM
 * input (test_fgnet, test_station_fly), a listening TCP one for its
 * property server (test_fgscene, test_station, test_station_fly).
 */
#ifndef SAQR_TEST_LOOPBACK_SOCKET_H
#define SAQR_TEST_LOOPBACK_SOCKET_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* The descriptor of a SOCK_DGRAM or SOCK_STREAM (listening) socket; *port
 * its port.  Fails the test if it cannot. */
static inline int loopback_socket(int type, int *port)
{
    int fd = socket(AF_INET, type, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    if (type == SOCK_STREAM)
        assert_int_equal(listen(fd, 4), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

#endif
