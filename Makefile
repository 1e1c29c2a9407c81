# Saqr build.  Two commands matter (see README.md):
#   make run   - install missing packages, build, run the main job
#   make test  - install missing packages, build, run every test
#
# Builds go to build/<config>/ where config is `rel` (optimised) or `san`
# (AddressSanitizer + UndefinedBehaviorSanitizer).  The library is a static
# archive (libsaqr.a) linked into the `saqr` command, the tests and benches.

CC      ?= cc
CONFIG  ?= rel
SHARED  ?= $(abspath ../shared)
B       := build/$(CONFIG)

WARN    := -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes -Werror
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
XML_CF  := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LD  := $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
PQ_CF   := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
# SDL2 for the trainee's joysticks (src/station/controls_sdl.c): linked
# always, started only when that module is used.
SDL_CF  := $(shell pkg-config --cflags sdl2 2>/dev/null || echo -I/usr/include/SDL2 -D_REENTRANT)
SDL_LD  := $(shell pkg-config --libs sdl2 2>/dev/null || echo -lSDL2)

ifeq ($(CONFIG),san)
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
OPT     := -O2 -g
endif

CFLAGS_ALL  = $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(XML_CF) $(PQ_CF) $(SDL_CF) -DSAQR_DATA_DIR='"$(abspath data)"' -DSAQR_ROOT_DIR='"$(abspath .)"' $(CFLAGS)
LDLIBS_ALL  = $(XML_LD) -lsqlite3 -lpq $(SDL_LD) -lm -lz

LIB_SRC   := $(shell find src -name '*.c' | sort)
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/%.o)
APP_SRC   := $(wildcard apps/saqr/*.c)
APP_OBJ   := $(APP_SRC:%.c=$(B)/%.o)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
VERIFY_SRC:= $(wildcard tests/verify/test_*.c)
VERIFY_BIN:= $(VERIFY_SRC:tests/verify/%.c=$(B)/tests/%)
BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)
EXAMPLE_SRC := $(wildcard examples/*.c)
EXAMPLE_BIN := $(EXAMPLE_SRC:examples/%.c=$(B)/examples/%)

.PHONY: all deps run test test-config check-unit check-verify check-system \
        valgrind fuzz fuzz-regress bench clean

all: $(B)/saqr $(UNIT_BIN) $(VERIFY_BIN) $(BENCH_BIN) $(EXAMPLE_BIN)

deps:
	@bash tools/install-deps.sh

# `make run`: for now the main job runs NASA's check cases, flies JSBSim's
# c1723 take-off script and compares the flight with JSBSim's own output,
# then flies the qualification tests of Saqr's two aircraft (HTML reports
# in build/), and flies a lesson with the reference pilot and writes its
# debrief.
run: deps
	@$(MAKE) --no-print-directory CONFIG=rel $(B)/saqr
	./build/rel/saqr check nasa --shared $(SHARED) --out build/nasa-out
	@mkdir -p build/jsbsim-out
	cd build/jsbsim-out && ../rel/saqr run --root=$(SHARED)/reference/jsbsim --script=scripts/c1723.xml \
	    --logdirectivefile=$(abspath data/jsbsim/reference-columns.xml) > c1723.log
	./build/rel/saqr compare build/jsbsim-out/saqr-run.csv $(SHARED)/reference/jsbsim/expected/c1723.csv
	./build/rel/saqr qtg super-mushak -o build/qtg-super-mushak.html
	./build/rel/saqr qtg jf17 -o build/qtg-jf17.html
	./build/rel/saqr fly super-mushak/steep-turns --record build/steep-turns.rec
	./build/rel/saqr debrief build/steep-turns.rec -o build/steep-turns.html

# The records tests need a PostgreSQL server: pg-test-server.sh starts
# one (idempotent) and writes its URL to build/pg-test-url.
test: deps
	@bash tools/pg-test-server.sh start
	@$(MAKE) --no-print-directory CONFIG=rel test-config
	@$(MAKE) --no-print-directory CONFIG=san test-config
	@$(MAKE) --no-print-directory CONFIG=rel valgrind
	@$(MAKE) --no-print-directory fuzz-regress
	@echo "make test: all tests passed"

test-config: all
	@$(MAKE) --no-print-directory check-unit check-verify check-system

check-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; SAQR_SHARED=$(SHARED) $$t; done

check-verify: $(VERIFY_BIN)
	@set -e; for t in $(VERIFY_BIN); do echo "== $$t"; SAQR_SHARED=$(SHARED) $$t; done

check-system: $(B)/saqr
	@SAQR=$(B)/saqr SHARED=$(SHARED) bash tests/system/run.sh

valgrind: $(UNIT_BIN) $(B)/saqr
	@bash tools/valgrind-tests.sh $(B) $(SHARED)

fuzz fuzz-regress:
	@bash tools/fuzz.sh $@ $(SHARED)

bench: $(BENCH_BIN)
	@set -e; for b in $(BENCH_BIN); do $$b; done

clean:
	rm -rf build

$(B)/libsaqr.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(B)/saqr: $(APP_OBJ) $(B)/libsaqr.a
	$(CC) $(CFLAGS_ALL) -o $@ $(APP_OBJ) $(B)/libsaqr.a $(LDLIBS_ALL)

$(B)/tests/%: tests/unit/%.c $(B)/libsaqr.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL) -lcmocka $(TEST_LDFLAGS_$*)

$(B)/tests/%: tests/verify/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL) -lcmocka

$(B)/bench/%: bench/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL)

$(B)/examples/%: examples/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# The allocation test wraps malloc & co. to prove the step allocates nothing.
TEST_LDFLAGS_test_no_alloc_in_step := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free

-include $(LIB_OBJ:.o=.d) $(APP_OBJ:.o=.d)
