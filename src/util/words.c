/*
 * words.c - see words.h.
 */
#include "util/words.h"

#include <ctype.h>

int words_split(char *s, char **word, int max)
{
    int n = 0;
    for (char *p = s; *p && n < max;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        word[n++] = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}
