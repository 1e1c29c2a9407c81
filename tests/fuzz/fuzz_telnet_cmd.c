// repo-seeds: tests/fuzz/corpus/fuzz_telnet_cmd/*
/*
 * fuzz_telnet_cmd.c - libFuzzer driver for a line of the property server
 * (src/script/telnet_cmd.c): any bytes give one of the commands with a
 * NUL-terminated property of bounded length, a finite value, a positive
 * count, or a bad line with its reason.  Never a crash, a read past the
 * line or undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "script/telnet_cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly `size` bytes: ASan catches any read past it */
    char *line = malloc(size ? size : 1);
    if (!line)
        return 0;
    memcpy(line, data, size);
    telnet_cmd c;
    telnet_cmd_parse(line, size, &c);
    if (strnlen(c.property, sizeof c.property) == sizeof c.property || strnlen(c.why, sizeof c.why) == sizeof c.why)
        abort();
    if (c.op == TELNET_SET && !isfinite(c.value))
        abort();
    if (c.op == TELNET_ITERATE && c.count <= 0)
        abort();
    if ((c.op == TELNET_GET || c.op == TELNET_SET) && !c.property[0])
        abort();
    if (c.op == TELNET_BAD && !c.why[0])
        abort();
    free(line);
    return 0;
}
