/*
 * version.c - the library's version, as the header that built it says.
 */
#include "saqr.h"

const char *saqr_version(void)
{
    return SAQR_VERSION_STRING;
}
