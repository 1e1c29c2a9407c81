# Saqr build.  Two commands matter (see README.md):
#   make run   - install missing packages, build, run the main job
#   make test  - install missing packages, build, run every test
#
# Builds go to build/<config>/ where config is `rel` (optimised), `san`
# (AddressSanitizer + UndefinedBehaviorSanitizer), `tsan` (ThreadSanitizer)
# or `vg` (for valgrind: -O2 and the baseline x86-64 instructions, see
# `valgrind` below).  The library is a static archive (libsaqr.a) linked
# into the `saqr` command, the tests and benches.

CC      ?= cc
CONFIG  ?= rel
# Compiles run on every core: `make test` and `make run` hand -j$(JOBS) to
# the builds they start (a fresh CI build otherwise compiles the release,
# sanitizer and valgrind builds on one core, ~4 of its minutes).
JOBS    ?= $(shell nproc 2>/dev/null || echo 1)
SHARED  ?= $(abspath ../shared)
# PGO=0: the release build without profile-guided optimisation (quicker
# to rebuild while editing the simulation core), in its own folder.
PGO     ?= 1
B       := build/$(CONFIG)$(if $(filter rel,$(CONFIG)),$(if $(filter 1,$(PGO)),,-nopgo))

WARN    := -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes -Werror
# -ffp-contract=off: no fused multiply-add behind the code's back (gcc's
# default in ISO C mode, not clang's), so every product is rounded on its
# own and a simulation gives the same bits on every machine (src/math/trig.c
# relies on it).  -fno-math-errno: nothing reads errno after a math function,
# and without it every sqrt carries a test and a library call for errno's
# sake (the results are the same bits: sqrtsd is correctly rounded).
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -ffp-contract=off -fno-math-errno
XML_CF  := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LD  := $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
PQ_CF   := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
# SDL2 for the trainee's joysticks (src/station/controls_sdl.c): linked
# always, started only when that module is used.
SDL_CF  := $(shell pkg-config --cflags sdl2 2>/dev/null || echo -I/usr/include/SDL2 -D_REENTRANT)
SDL_LD  := $(shell pkg-config --libs sdl2 2>/dev/null || echo -lSDL2)
# The web instructor station (src/station/web*.c): civetweb (HTTP and
# WebSocket server), cJSON (messages), libsodium (passwords, tokens).
WEB_LD  := -lcivetweb $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson) \
           $(shell pkg-config --libs libsodium 2>/dev/null || echo -lsodium) -lpthread

# MPI for campaigns across processes (src/campaign/campaign_mpi.c): only
# when Open MPI's mpicc is installed; that one file is compiled with MPI's
# flags and -DSAQR_HAVE_MPI and the saqr command linked with MPI's
# libraries.  Without mpicc the file builds as single-process stubs (also
# in the shared library, the tests and the fuzzers).
MPI_CF  := $(shell mpicc --showme:compile 2>/dev/null)
MPI_LD  := $(shell mpicc --showme:link 2>/dev/null)

ifeq ($(CONFIG),san)
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
OPT     := -O2 -g
endif

CFLAGS_ALL  = $(CSTD) $(WARN) $(OPT) -Iinclude -Isrc $(XML_CF) $(PQ_CF) $(SDL_CF) -DSAQR_DATA_DIR='"$(abspath data)"' -DSAQR_ROOT_DIR='"$(abspath .)"' $(CFLAGS)
LDLIBS_ALL  = $(XML_LD) -lsqlite3 -lpq $(SDL_LD) $(WEB_LD) -lm -lz

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
# a script's flight alone, for bench/instructions.sh, and flights on
# request, for bench/ab.sh (not run by `make bench`)
BENCH_TOOL := $(B)/bench/step_script $(B)/bench/fly_requests
EXAMPLE_SRC := $(wildcard examples/*.c)
EXAMPLE_BIN := $(EXAMPLE_SRC:examples/%.c=$(B)/examples/%)

.PHONY: all deps run showcase web test test-config check-unit check-verify check-system check-web check-python check-tsan \
        valgrind fuzz fuzz-regress bench clean install

all: $(B)/saqr $(UNIT_BIN) $(VERIFY_BIN) $(BENCH_BIN) $(BENCH_TOOL) $(EXAMPLE_BIN) $(if $(filter rel,$(CONFIG)),$(B)/libsaqr.so)

deps:
	@bash tools/install-deps.sh

# `make run`: the main job - the simulator in real time with its web
# instructor station on http://127.0.0.1:8080/ (docs/station.md), the
# Super Mushak ready on Risalpur's runway.  Records in the user's SQLite
# file; on the first run it prints the login it made.  PORT=, DB= override.
PORT ?= 8080
run: deps web
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=rel $(B)/saqr
	./$(B)/saqr serve --port $(PORT) $(if $(DB),--db $(DB))

# `make showcase`: what `make run` did before the station existed - NASA's
# check cases, JSBSim's c1723 script compared with JSBSim's own output, both
# aircraft's qualification tests and a lesson's debrief (reports in build/).
showcase: deps
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=rel $(B)/saqr
	./build/rel/saqr check nasa --shared $(SHARED) --out build/nasa-out
	@mkdir -p build/jsbsim-out
	cd build/jsbsim-out && ../rel/saqr run --root=$(SHARED)/reference/jsbsim --script=scripts/c1723.xml \
	    --logdirectivefile=$(abspath data/jsbsim/reference-columns.xml) > c1723.log
	./build/rel/saqr compare build/jsbsim-out/saqr-run.csv $(SHARED)/reference/jsbsim/expected/c1723.csv
	./build/rel/saqr qtg super-mushak -o build/qtg-super-mushak.html
	./build/rel/saqr qtg jf17 -o build/qtg-jf17.html
	./build/rel/saqr fly super-mushak/steep-turns --record build/steep-turns.rec --overwrite
	./build/rel/saqr debrief build/steep-turns.rec -o build/steep-turns.html

# The web front end (web/, npm + Vite) built into web/dist, which `saqr
# serve` serves.  Rebuilt when its sources change.
WEB_SRC := $(wildcard web/*.html web/src/*.js web/src/*.css web/vite.config.js web/package.json web/package-lock.json)
web: web/dist/index.html
web/dist/index.html: $(WEB_SRC)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent
	@touch $@

# The records tests need a PostgreSQL server: pg-test-server.sh starts
# one (idempotent) and writes its URL to build/pg-test-url.
# Each phase's start time is printed, to see where CI's time goes.
test: deps
	@$(MAKE) --no-print-directory web
	@bash tools/pg-test-server.sh start
	@date -u +"== %T make test: release build and tests"
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=rel test-config
	@date -u +"== %T make test: sanitizer build and tests"
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=san test-config
	@date -u +"== %T make test: valgrind"
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=vg valgrind
	@date -u +"== %T make test: thread sanitizer"
	@$(MAKE) --no-print-directory -j$(JOBS) check-tsan
	@date -u +"== %T make test: fuzzers"
	@FUZZ_SECONDS=4 $(MAKE) --no-print-directory fuzz-regress # every corpus replayed whole, then 4 s of fuzzing each: the CI's 30 minutes
	@date -u +"== %T make test: station end to end"
	@$(MAKE) --no-print-directory check-web
	@date -u +"== %T make test: all tests passed"

# The instructor station end to end in headless Chromium (Debian's
# chromium, driven by Playwright): tests/system/station-e2e.sh.  The
# sanitizer build's frames cost two to three times as much, and its 30 Hz
# state stream was measured arriving at 23-26 Hz on the 2-core machine
# (2026-12-06): its floor is 20 Hz, the optimised build's 25.
check-web: web
	@node --test --test-reporter=dot web/test/*.test.mjs # the pages' own logic (Node's test runner)
	@$(MAKE) --no-print-directory CONFIG=rel build/rel/saqr
	@$(MAKE) --no-print-directory CONFIG=san build/san/saqr
	@SAQR=build/rel/saqr bash tests/system/station-e2e.sh
	@SAQR=build/san/saqr SAQR_E2E_MIN_STATE_HZ=20 bash tests/system/station-e2e.sh

# Every test of one build, two at a time (tools/run-tests.sh).
test-config: all
	@$(VERIFY_ENV) bash tools/run-tests.sh $(B) $(SHARED) \
	  $(if $(filter rel,$(CONFIG)),$(PYTHON),--) $(UNIT_BIN) $(VERIFY_BIN)

# The Python binding (python/saqr.py, ctypes over libsaqr.so) with numpy
# (required on that run) and with plain lists; optimised build only (an
# ASan-built .so would need the sanitizer preloaded into python3).
# Debian's python3, which has python3-numpy, rather than whatever
# python3 comes first on the PATH.
PYTHON ?= /usr/bin/python3
check-python: $(B)/libsaqr.so
	@bash tools/check-python.sh $(B)/libsaqr.so $(SHARED) $(PYTHON)

# The batch API under ThreadSanitizer: aircraft of a batch share their
# model's read-only data across threads, and nothing else; the station's
# per-client WebSocket senders; and the station's simulation and
# finishing threads (an ended sortie graded and stored beside the next).
# Address-space randomisation off where allowed (some kernels' wide
# randomisation defeats gcc 12's ThreadSanitizer).
TSAN_TESTS := build/tsan/tests/test_batch build/tsan/tests/test_ws_outbox build/tsan/tests/test_worker_pool \
              build/tsan/tests/test_station
check-tsan:
	@$(MAKE) --no-print-directory CONFIG=tsan CFLAGS="-fsanitize=thread -O1 -g" $(TSAN_TESTS)
	@norand=""; setarch $$(uname -m) -R true 2>/dev/null && norand="setarch $$(uname -m) -R"; \
	  for t in $(TSAN_TESTS); do \
	    SAQR_SHARED=$(SHARED) TSAN_OPTIONS="halt_on_error=1 exitcode=66" $$norand $$t || exit 1; done

check-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; SAQR_SHARED=$(SHARED) $$t; done

# Under the sanitizers the QTG's service ceilings (minutes of trims each,
# the same code as the climbs that do run) are left to the optimised run.
VERIFY_ENV := $(if $(filter san,$(CONFIG)),SAQR_QTG_SKIP=ceiling)
check-verify: $(VERIFY_BIN)
	@set -e; for t in $(VERIFY_BIN); do echo "== $$t"; SAQR_SHARED=$(SHARED) $(VERIFY_ENV) $$t; done

check-system: $(B)/saqr $(BENCH_TOOL)
	@SAQR=$(B)/saqr SHARED=$(SHARED) bash tests/system/run.sh
	@SAQR=$(B)/saqr SHARED=$(SHARED) bash tests/system/campaign.sh

# Under valgrind, a build of its own without the release build's AVX2
# (ISA): valgrind 3.19 (Debian 12) stops with SIGILL on one encoding gcc
# and the assembler may choose for AVX code (VMOVQ between registers in
# its store form, VEX 0F D6, whenever the source is xmm8-15), which the
# release build had come to contain.  What valgrind checks, the memory
# accesses and their definedness, does not depend on the encoding.
valgrind: $(UNIT_BIN) $(VERIFY_BIN) $(B)/saqr
	@bash tools/valgrind-tests.sh $(B) $(SHARED)

fuzz fuzz-regress:
	@bash tools/fuzz.sh $@ $(SHARED)

# `make install`: under PREFIX (DESTDIR for staging), libsaqr for programs
# that embed it - the headers, the static and shared libraries and
# pkg-config's saqr.pc - and the `saqr` command with its aircraft,
# lessons, data and web pages (share/saqr), which it finds from its own
# path.  docs/embedding.md.
PREFIX ?= /usr/local
install: deps
	@$(MAKE) --no-print-directory web
	@$(MAKE) --no-print-directory -j$(JOBS) CONFIG=rel build/rel/libsaqr.a build/rel/libsaqr.so build/rel/saqr
	@bash tools/install-lib.sh build/rel "$(PREFIX)" "$(DESTDIR)"
	@bash tools/install-app.sh build/rel/saqr "$(PREFIX)" "$(DESTDIR)"

bench: $(BENCH_BIN)
	@set -e; for b in $(BENCH_BIN); do $$b; done

clean:
	rm -rf build

$(B)/libsaqr.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

# The shared library for the Python binding: the same sources compiled
# position-independent into their own objects, so the static archive
# (and the benches) keep the faster non-PIC code.
# It exports the public interface only (src/libsaqr.map), under the soname
# of the header's major version (docs/embedding.md).
SO_OBJ := $(LIB_SRC:%.c=$(B)/pic/%.o)
SO_MAJOR := $(shell sed -n 's/^\#define SAQR_VERSION_MAJOR \([0-9]*\)$$/\1/p' include/saqr.h)
$(B)/libsaqr.so: $(SO_OBJ) src/libsaqr.map
	$(CC) $(CFLAGS_ALL) $(LTO_LD) -shared -Wl,-soname,libsaqr.so.$(SO_MAJOR) -Wl,--version-script=src/libsaqr.map \
	    -o $@ $(SO_OBJ) $(LDLIBS_ALL)

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -MMD -MP -c -o $@ $<

$(B)/saqr: $(APP_OBJ) $(B)/libsaqr.a
	$(CC) $(CFLAGS_ALL) $(LTO_LD) -o $@ $(APP_OBJ) $(B)/libsaqr.a $(LDLIBS_ALL) $(MPI_LD)

# The library's own code at -O3 in the release build: about 2.5% less time
# per frame than -O2 (batch of 200 c172x, alternated runs) and the same
# bits (-ffp-contract=off, no fast-math).  Tests and tools stay at -O2.
# And in AVX2's encoding where the building machine has it (the build is
# for the machine it runs on: `make run` and `make test` build there): its
# three-operand instructions need no register copies, 5% fewer
# instructions in a c172x frame, 1.5-5% less time on a processor that
# decodes the frame's code rather than replaying it from a cache, ~1-2%
# more on one that replays it (docs/jsbsim.md, "A processor that decodes
# the frame").  No fused multiply-add (-ffp-contract=off) and no
# reassociation: the same bits.
ISA     := $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo -mavx2)
ifeq ($(CONFIG),rel)
$(LIB_OBJ) $(SO_OBJ): OPT := -O3 -g $(ISA)
# Link-time optimisation for the programs whose speed is measured (calls
# between the core's files inlined: ~4% fewer instructions a frame, the
# same bits): the release library's objects carry gcc's intermediate code
# beside their machine code (fat objects); the saqr command and the
# benches are linked with -flto, and so is the Python binding's shared
# library from its own objects; every other program (the tests, the
# tools) links the machine code as before, without the link-time compile.
# Every file is compiled with -Werror on its own; inlined across files at
# the link, gcc 12 raises two kinds of flow warnings on code that is
# correct (an array parameter's size lost through a profile-guided inline,
# a variable set on every path that reads it), so those two are not
# warnings at the link.
$(LIB_OBJ): OPT += -flto=auto -ffat-lto-objects
$(SO_OBJ): OPT += -flto=auto
LTO_LD := -O3 $(ISA) -flto=auto -Wno-stringop-overflow -Wno-maybe-uninitialized
# gcc's linker plugin would otherwise run the link-time compile for any
# program linking the fat objects
NO_LTO := -fno-lto
endif

# Profile-guided optimisation of the release build's simulation core
# (docs/jsbsim.md, "Profile-guided build"): the core is compiled instrumented, the saqr
# command built on it flies the repository's own aircraft scripts and,
# with $(SHARED) beside, JSBSim's c172x and F-16 on flights no benchmark
# times (tools/pgo-train.sh), and the release objects are compiled with that
# profile.  Branch layout, inlining and unrolling follow the measured
# paths; no floating-point operation changes (no fast-math,
# -ffp-contract=off), so every result is bit-identical to the build
# without it.  Code the training does not reach is optimised as without a
# profile (-fprofile-partial-training).  The shared library's
# position-independent objects take no profile (their instrumented flow
# graphs differ).  Warnings do not stop the profiled compile (gcc 12 warns
# unconditionally, e.g. "Missing counts for called function" for code the
# training never ran); the same sources still build with -Werror in the
# shared library's objects, the sanitizer build and PGO=0.
PGO_DIR   := build/pgo-train
PGO_SRC   := $(filter src/atmos/% src/batch/% src/earth/% src/eom/% src/expr/% src/fdm/% src/math/% \
                      src/props/% src/script/% src/util/%,$(LIB_SRC))
PGO_GEN   := $(PGO_SRC:%.c=$(PGO_DIR)/%.o)
PGO_DATA  := $(abspath $(PGO_DIR)/data)
# A file-local function's profile is keyed by the compile's auxiliary
# name, which follows the object's path unless set: both compiles set it
# to the same name, so that the two object folders can differ.  The
# profile-use flags are `private`: make would otherwise hand them down to
# the prerequisites, and an instrumented object rebuilt for a release one
# (an edit of a core file) compiled with both generate and use aborted
# the training at exit.
PGO_AUX    = -dumpdir $(abspath $(PGO_DIR))/aux/ -dumpbase $(subst /,-,$<)
ifeq ($(B),build/rel)
$(PGO_SRC:%.c=$(B)/%.o): $(PGO_DIR)/profile.stamp
$(PGO_SRC:%.c=$(B)/%.o): private CFLAGS_ALL += -fprofile-use=$(PGO_DATA) $(PGO_AUX) -fprofile-partial-training \
                                       -Wno-missing-profile -Wno-error
endif

$(PGO_DIR)/%.o: %.c
	@mkdir -p $(dir $@) $(PGO_DIR)/aux
	$(CC) $(CFLAGS_ALL) -O3 -fprofile-generate=$(PGO_DATA) $(PGO_AUX) -fprofile-update=atomic -MMD -MP -c -o $@ $<

$(PGO_DIR)/saqr-train: $(PGO_GEN) $(filter-out $(PGO_SRC:%.c=$(B)/%.o),$(LIB_OBJ)) $(APP_OBJ)
	$(CC) $(CFLAGS_ALL) $(NO_LTO) -fprofile-generate -o $@ $^ $(LDLIBS_ALL) $(MPI_LD)

$(PGO_DIR)/profile.stamp: $(PGO_DIR)/saqr-train tools/pgo-train.sh tools/pgo/f16-start-and-climb.xml
	rm -rf $(PGO_DATA)
	bash tools/pgo-train.sh $(abspath $<) $(abspath .) $(SHARED)
	@touch $@

ifneq ($(strip $(MPI_LD)),)
$(B)/src/campaign/campaign_mpi.o: CFLAGS_ALL += $(MPI_CF) -DSAQR_HAVE_MPI
endif

$(B)/tests/%: tests/unit/%.c $(B)/libsaqr.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(NO_LTO) -Itests/unit -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL) -lcmocka $(TEST_LDFLAGS_$*)

$(B)/tests/%: tests/verify/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(NO_LTO) -Itests/unit -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL) -lcmocka

$(B)/bench/%: bench/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LTO_LD) -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL)

$(B)/examples/%: examples/%.c $(B)/libsaqr.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(NO_LTO) -o $@ $< $(B)/libsaqr.a $(LDLIBS_ALL)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# The allocation test wraps malloc & co. to prove the step allocates nothing.
TEST_LDFLAGS_test_no_alloc_in_step := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free

-include $(LIB_OBJ:.o=.d) $(APP_OBJ:.o=.d) $(SO_OBJ:.o=.d) $(PGO_GEN:.o=.d)
