/*
 * test_telnet_cmd.c - the lines of JSBSim's property server
 * (src/script/telnet_cmd.c): the commands FGInputSocket knows, in any
 * case, with their arguments; and every bad line answered with JSBSim's
 * reply, never read past its end.
 */
#include "test_util.h"

#include <string.h>

#include "script/telnet_cmd.h"

static telnet_cmd parse(const char *line)
{
    telnet_cmd c;
    telnet_cmd_parse(line, strlen(line), &c);
    return c;
}

static void the_commands_should_be_read_with_their_arguments(void **state)
{
    (void)state;
    telnet_cmd c = parse("get velocities/vc-kts");
    assert_int_equal(c.op, TELNET_GET);
    assert_string_equal(c.property, "velocities/vc-kts");
    c = parse("  SET   fcs/throttle-cmd-norm\t0.25  ");
    assert_int_equal(c.op, TELNET_SET);
    assert_string_equal(c.property, "fcs/throttle-cmd-norm");
    assert_true(c.value == 0.25);
    c = parse("iterate 120");
    assert_int_equal(c.op, TELNET_ITERATE);
    assert_int_equal(c.count, 120);
    assert_int_equal(parse("Hold").op, TELNET_HOLD);
    assert_int_equal(parse("resume").op, TELNET_RESUME);
    assert_int_equal(parse("info").op, TELNET_INFO);
    assert_int_equal(parse("help").op, TELNET_HELP);
    assert_int_equal(parse("quit extra words").op, TELNET_QUIT);
    assert_int_equal(parse("").op, TELNET_EMPTY);
    assert_int_equal(parse(" \t ").op, TELNET_EMPTY);
}

static void bad_lines_should_get_jsbsims_replies(void **state)
{
    (void)state;
    const struct {
        const char *line, *why;
    } cases[] = {
        {"get", "No property argument supplied."},
        {"set", "No property argument supplied."},
        {"set fcs/throttle-cmd-norm", "Expecting a number"},
        {"set fcs/throttle-cmd-norm abc", "Expecting a number"},
        {"set fcs/throttle-cmd-norm nan", "Expecting a number"},
        {"set fcs/throttle-cmd-norm 1e999", "Expecting a number"},
        {"iterate", "No argument supplied for number of iterations."},
        {"iterate 0", "Required argument must be a positive Integer."},
        {"iterate -5", "Required argument must be a positive Integer."},
        {"iterate 2.5", "Required argument must be a positive Integer."},
        {"frobnicate now", "Unknown command: frobnicate"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        telnet_cmd c = parse(cases[i].line);
        if (c.op != TELNET_BAD || strcmp(c.why, cases[i].why) != 0)
            fail_msg("\"%s\": op %d, \"%s\" (want \"%s\")", cases[i].line, c.op, c.why, cases[i].why);
    }
}

static void hostile_lines_should_be_refused_whole(void **state)
{
    (void)state;
    char big[TELNET_LINE_MAX + 2];
    memset(big, 'x', sizeof big);
    telnet_cmd c;
    telnet_cmd_parse(big, sizeof big, &c); /* no NUL at the end: the length is what counts */
    assert_int_equal(c.op, TELNET_BAD);
    assert_string_equal(c.why, "Line too long");
    const char nul[] = {'g', 'e', 't', ' ', 'a', '\0', 'b'};
    telnet_cmd_parse(nul, sizeof nul, &c);
    assert_int_equal(c.op, TELNET_BAD);
    char prop[600] = "get ";
    memset(prop + 4, 'p', 400);
    c = parse(prop);
    assert_int_equal(c.op, TELNET_BAD); /* longer than any property name */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_commands_should_be_read_with_their_arguments),
        cmocka_unit_test(bad_lines_should_get_jsbsims_replies),
        cmocka_unit_test(hostile_lines_should_be_refused_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
