/*
 * words.h - splitting a line into whitespace-separated words in place, for
 * the small text commands Saqr reads (script conditions, the property
 * server's lines).
 */
#ifndef SAQR_UTIL_WORDS_H
#define SAQR_UTIL_WORDS_H

/* Splits s in place (the first blank after each word becomes '\0') into
 * at most `max` words, stored in word[]; the rest of the line is left
 * unsplit and unread.  Returns how many words were stored. */
int words_split(char *s, char **word, int max);

#endif
