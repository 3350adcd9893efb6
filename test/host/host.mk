# Host unit tests and fuzz targets for the portable libraries (lib/util),
# included by the top-level Makefile; tool/test runs them.
#   make host-tests   build build/host/*_test (HOST_TESTS)
#   make host-fuzz    build and run the libFuzzer targets briefly
# needs Debian packages: gcc libc6-dev clang libclang-rt-14-dev

HOST_B        ?= build/host
HOST_CC       ?= cc
HOST_CFLAGS   := -std=c11 -Wall -Wextra -Werror -O1 -g -Iinclude -Itest/host \
                 -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_UTIL_SRC := $(wildcard lib/util/*.c)
HOST_TESTS    := $(patsubst test/host/%.c,$(HOST_B)/%,$(wildcard test/host/*_test.c))
FUZZ_TARGETS  := $(patsubst test/host/%.c,$(HOST_B)/%,$(wildcard test/host/fuzz_*.c))
FUZZ_RUNS     ?= 300000

.PHONY: host-tests host-fuzz
host-tests: $(HOST_TESTS)

$(HOST_B)/%_test: test/host/%_test.c test/host/check.h $(HOST_UTIL_SRC) $(wildcard include/cn/util/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(HOST_UTIL_SRC)

$(HOST_B)/fuzz_%: test/host/fuzz_%.c $(HOST_UTIL_SRC) $(wildcard include/cn/util/*.h)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)clang -std=c11 -Wall -Wextra -Werror -O1 -g -Iinclude \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $@ $< $(HOST_UTIL_SRC)

# each target runs FUZZ_RUNS inputs from a fixed seed; a finding fails
host-fuzz: $(FUZZ_TARGETS)
	@for f in $^; do \
		echo "  RUN     $$f -runs=$(FUZZ_RUNS)"; \
		if ! $$f -runs=$(FUZZ_RUNS) -seed=1 -max_len=512 -artifact_prefix=$(HOST_B)/ > $$f.log 2>&1; then \
			tail -n 30 $$f.log; echo "host-fuzz: $$f found a problem (log: $$f.log)"; exit 1; \
		fi; \
		tail -n 2 $$f.log; \
	done
