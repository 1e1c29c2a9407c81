/*
 * telnet_cmd.h - the commands of JSBSim's property server (an aircraft's
 * <input port="N"/>, FGInputSocket): one line of text, split into the
 * command and its arguments.  Parsing only; `saqr run` holds the socket
 * and acts on the commands.
 *
 *   get PROPERTY          the value ("PROPERTY = value")
 *   set PROPERTY VALUE    writes it ("set successful")
 *   hold | resume         stop and restart the clock
 *   iterate N             run N frames, then hold
 *   info | help | quit
 *
 * Reference: JSBSim src/input_output/FGInputSocket.cpp (Read).
 */
#ifndef SAQR_SCRIPT_TELNET_CMD_H
#define SAQR_SCRIPT_TELNET_CMD_H

#include <stddef.h>

#include "saqr.h"

#define TELNET_LINE_MAX 1024 /* longer lines are refused, not cut */

typedef enum telnet_op {
    TELNET_EMPTY,   /* a blank line: nothing to do                        */
    TELNET_GET,
    TELNET_SET,
    TELNET_HOLD,
    TELNET_RESUME,
    TELNET_ITERATE,
    TELNET_INFO,
    TELNET_HELP,
    TELNET_QUIT,
    TELNET_BAD      /* `why` says what is wrong                           */
} telnet_op;

typedef struct telnet_cmd {
    telnet_op op;
    char property[256];     /* get, set                                   */
    double value;           /* set                                        */
    long count;             /* iterate                                    */
    char why[128];          /* TELNET_BAD: JSBSim's reply, without CRLF   */
} telnet_cmd;

/* Parses one line (without its line end; `len` bytes, which may hold NULs:
 * a line with one is refused).  Never fails otherwise: a bad line is
 * TELNET_BAD with the reason. */
void telnet_cmd_parse(const char *line, size_t len, telnet_cmd *out);

/* The loaded aircraft's <input port=>, 0 when it has none. */
int telnet_port(const saqr_fdm *f);

#endif
