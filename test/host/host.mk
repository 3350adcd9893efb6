# SPDX-License-Identifier: MIT
# Host unit tests and fuzz targets for the portable libraries (lib/util).
# Included by the top-level Makefile; also works on its own from the
# repository root: make -f test/host/host.mk host-tests
#   host-tests       build build/host/<lib>_test (listed in HOST_TESTS)
#   host-tests-san   build the same tests with ASan+UBSan into build/host-san/
#                    and run them (HOST_SAN_TESTS)
#   host-fuzz        build the libFuzzer targets test/host/fuzz_*.c and run
#                    each briefly (FUZZ_RUNS inputs); a finding fails
# needs Debian packages: make gcc libc6-dev clang libclang-rt-14-dev python3

Q              ?= @
HOST_B         ?= build/host
HOST_SAN_B     ?= build/host-san
HOST_CC        ?= cc
HOST_SANFLAGS  ?= -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
# the counted tests (make test) run with the sanitizers on too
HOST_CFLAGS    ?= -std=c11 -Wall -Wextra -Werror -O2 -g -Iinclude -Itest/host $(HOST_SANFLAGS)
FUZZ_CC        ?= clang
FUZZ_CFLAGS    ?= -std=c11 -Wall -Wextra -Werror -O1 -g -Iinclude -Itest/host \
                  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_RUNS      ?= 300000
FUZZ_MAX_LEN   ?= 4096
FUZZ_MAX_LEN_fuzz_format ?= 512

HOST_UTIL_SRC  := $(wildcard lib/util/*.c)
HOST_UTIL_HDR  := $(wildcard include/cn/util/*.h include/cn/*.h)
HOST_UTIL_OBJ  := $(patsubst lib/util/%.c,$(HOST_B)/util/%.o,$(HOST_UTIL_SRC))
HOST_SAN_OBJ   := $(patsubst lib/util/%.c,$(HOST_SAN_B)/util/%.o,$(HOST_UTIL_SRC))
HOST_TESTS     := $(patsubst test/host/%.c,$(HOST_B)/%,$(wildcard test/host/*_test.c))
HOST_SAN_TESTS := $(patsubst $(HOST_B)/%,$(HOST_SAN_B)/%,$(HOST_TESTS))
FUZZ_TARGETS   := $(patsubst test/host/%.c,$(HOST_B)/%,$(wildcard test/host/fuzz_*.c))

# tests of program parts that are portable too: extra sources per test
HOST_EXTRA_route := init/route_match.c
$(HOST_B)/route_test $(HOST_SAN_B)/route_test: $(HOST_EXTRA_route) init/route_match.h
# the parent's quota books, compiled unchanged against a model of core
# (test/host/mock/cn/sys.h stands in for the kernel calls)
HOST_EXTRA_ledger := lib/base/child_session.c lib/base/child_sibling.c lib/base/child_quota.c \
                     lib/base/child_ledger.c
HOST_MOCK_ledger  := -Itest/host/mock
$(HOST_B)/ledger_test $(HOST_SAN_B)/ledger_test: $(HOST_EXTRA_ledger) include/cn/child.h \
                                                 test/host/mock/cn/sys.h
# init's config parser and its messages (origin, warnings)
HOST_EXTRA_init_config := init/config.c init/config_mem.c init/origin.c
$(HOST_B)/init_config_test $(HOST_SAN_B)/init_config_test: $(HOST_EXTRA_init_config) init/init.h
HOST_EXTRA_platform_desc := server/platform/devices.c
$(HOST_B)/platform_desc_test $(HOST_SAN_B)/platform_desc_test: $(HOST_EXTRA_platform_desc) \
	server/platform/devices.h board/virt/devices.xml
HOST_EXTRA_input := drivers/virtio_input/translate.c
$(HOST_B)/input_test $(HOST_SAN_B)/input_test: $(HOST_EXTRA_input) drivers/virtio_input/translate.h \
	include/cn/session/input.h

.PHONY: host-tests host-tests-san host-fuzz host-fuzz-build
host-tests: $(HOST_TESTS)

$(HOST_B)/util/%.o: lib/util/%.c $(HOST_UTIL_HDR)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<

$(HOST_B)/%_test: test/host/%_test.c test/host/check.h $(HOST_UTIL_OBJ) $(HOST_UTIL_HDR)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_MOCK_$*) $(HOST_CFLAGS) -o $@ $< $(HOST_EXTRA_$*) $(HOST_UTIL_OBJ)

# the same programs with AddressSanitizer and UndefinedBehaviorSanitizer
$(HOST_SAN_B)/util/%.o: lib/util/%.c $(HOST_UTIL_HDR)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@ (asan,ubsan)"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_SANFLAGS) -c -o $@ $<

$(HOST_SAN_B)/%_test: test/host/%_test.c test/host/check.h $(HOST_SAN_OBJ) $(HOST_UTIL_HDR)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@ (asan,ubsan)"
	$(Q)$(HOST_CC) $(HOST_MOCK_$*) $(HOST_CFLAGS) $(HOST_SANFLAGS) -o $@ $< $(HOST_EXTRA_$*) \
	    $(HOST_SAN_OBJ)

host-tests-san: $(HOST_SAN_TESTS)
	$(Q)rc=0; for t in $^; do $$t || rc=1; done; exit $$rc

# fuzz targets: the library sources are compiled in, instrumented
$(HOST_B)/fuzz_%: test/host/fuzz_%.c $(HOST_UTIL_SRC) $(HOST_UTIL_HDR)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(HOST_UTIL_SRC)

host-fuzz-build: $(FUZZ_TARGETS)

# Each target runs FUZZ_RUNS inputs from a fixed seed. A seed corpus
# test/host/<target>_corpus/ is copied to build/host/ first, so that inputs
# libFuzzer adds never land in the source tree.
host-fuzz: $(FUZZ_TARGETS:%=%.run)

$(HOST_B)/fuzz_%.run: $(HOST_B)/fuzz_% FORCE
	$(Q)n=fuzz_$*; log=$(HOST_B)/$$n.log; corpus=; \
	if [ -d test/host/$${n}_corpus ]; then \
		rm -rf $(HOST_B)/$${n}_corpus; cp -r test/host/$${n}_corpus $(HOST_B)/$${n}_corpus; \
		corpus=$(HOST_B)/$${n}_corpus; \
	fi; \
	echo "  FUZZ    $< -runs=$(FUZZ_RUNS) -max_len=$(or $(FUZZ_MAX_LEN_fuzz_$*),$(FUZZ_MAX_LEN)) $$corpus"; \
	if ! $< -runs=$(FUZZ_RUNS) -seed=1 -max_len=$(or $(FUZZ_MAX_LEN_fuzz_$*),$(FUZZ_MAX_LEN)) \
	        -print_final_stats=1 -artifact_prefix=$(HOST_B)/$$n- $$corpus > $$log 2>&1; then \
		tail -n 40 $$log; echo "host-fuzz: $$n found a problem (log: $$log)"; exit 1; \
	fi; \
	grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss|INFO: seed corpus)' $$log | sed 's/^/    /'; \
	grep -E '^#[0-9]+ +DONE' $$log | sed 's/^/    /'

.PHONY: FORCE
.SECONDARY: $(HOST_UTIL_OBJ) $(HOST_SAN_OBJ)
FORCE:

# the kernel's scheduling policy is plain C and tested here too
$(HOST_B)/sched_policy_test $(HOST_SAN_B)/sched_policy_test: kernel/sched_policy.c kernel/sched_policy.h

# the virtio library of the drivers (drivers/virtio/) is portable too
HOST_EXTRA_virtqueue := drivers/virtio/virtqueue.c
$(HOST_B)/virtqueue_test $(HOST_SAN_B)/virtqueue_test: drivers/virtio/virtqueue.c

# the run tool's disk-image writer (tool/run: disk_image), a plain host program
$(HOST_B)/mkdisk: tool/mkdisk.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) -std=c11 -Wall -Wextra -Werror -O2 -o $@ $<
