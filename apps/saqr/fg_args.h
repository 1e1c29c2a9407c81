/*
 * fg_args.h - the FlightGear options `saqr serve` and `saqr fly
 * --realtime` share: a port of FlightGear's (--fg-props, --fg-mp) and the
 * formation lead's model (--fg-mp-model), checked with the command's
 * message on standard error.
 */
#ifndef SAQR_APP_FG_ARGS_H
#define SAQR_APP_FG_ARGS_H

/* The port `text` of option `opt` (1..65535) into *port: 0, or 2 (the
 * usage error's exit) with "saqr CMD: OPT wants a port, ..." printed. */
int fg_port_option(const char *text, const char *opt, int *port, const char *cmd);

/* 0 when `model` can be sent as the lead's model (fgmp_model_ok), or 2
 * with the reason printed. */
int fg_mp_model_option(const char *model, const char *cmd);

#endif
