/*
 * commands.h - entry points of the `saqr` sub-commands.  Each takes the
 * arguments after its own name and returns the process exit status
 * (0 success, 1 a check failed, 2 bad usage or input).
 */
#ifndef SAQR_APP_COMMANDS_H
#define SAQR_APP_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_qtg(int argc, char **argv);
int cmd_lesson(int argc, char **argv);
int cmd_fly(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_debrief(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
