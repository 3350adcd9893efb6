# SPDX-License-Identifier: MIT
# Cairn top-level build.
#
#   make [BOARD=virt]            build the kernel and every program for BOARD
#   make run/NAME [BOARD=...]    boot scenario run/NAME.run under QEMU
#   make test                    host unit tests + run-script tests on every QEMU board
#   make bench                   benchmark run scripts (icount), prints 'bench:' lines
#   make help                    all targets and boards
#
# Everything lands in build/<board>/. Read doc/building.md for the details.

BOARD ?= virt
empty :=
space := $(empty) $(empty)
BOARDS := $(sort $(notdir $(patsubst %/board.mk,%,$(wildcard board/*/board.mk))))

ifeq ($(wildcard board/$(BOARD)/board.mk),)
$(error unknown BOARD '$(BOARD)'; valid boards: $(BOARDS))
endif
include board/$(BOARD)/board.mk

Q      := $(if $(V),,@)
B      := build/$(BOARD)
CROSS  ?= arm-none-eabi-
CC     := $(CROSS)gcc
AR     := $(CROSS)ar
OBJCOPY:= $(CROSS)objcopy

# Flags shared by the kernel and user programs (soft-float: no FPU state yet).
ARCH_FLAGS := -marm -mcpu=$(BOARD_CPU) -mfloat-abi=soft
WARN       := -Wall -Wextra -Werror
CFLAGS_ALL := -std=c11 $(WARN) -O2 -g -ffreestanding -fno-common \
              -fno-tree-loop-distribute-patterns -fno-stack-protector \
              $(ARCH_FLAGS) -Iinclude -MMD -MP
KERNEL_CFLAGS := $(CFLAGS_ALL) -Ikernel -Iboard/$(BOARD) -mgeneral-regs-only \
                 -DCN_RAM_BASE=$(BOARD_RAM_BASE) -DCN_RAM_SIZE=$(BOARD_RAM_SIZE) \
                 -DCN_KERNEL_PHYS=$(BOARD_KERNEL_PHYS) -DCN_NR_CPUS=$(BOARD_MAX_CPUS) \
                 -DCN_BOARD_NAME='"$(BOARD)"' $(if $(filter 1,$(KDEBUG)),-DCN_KDEBUG)
USER_CFLAGS   := $(CFLAGS_ALL) -Ilib
LIBGCC        := $(shell $(CC) $(ARCH_FLAGS) -print-libgcc-file-name 2>/dev/null)

.PHONY: all kernel programs help setup test bench clean boards board-info
all: kernel programs

# ---------------------------------------------------------------- set-up
# Installs the Debian packages the build and the tests need (idempotent).
# The stamp is also an included makefile: on a fresh machine make runs
# tool/setup first and then restarts, so that variables computed with the
# cross compiler (LIBGCC) see it. Goals that need no tools skip this.
SETUP_STAMP := build/.setup-done
SETUP_DEPS  := tool/setup $(wildcard test/host/host.mk)
NO_SETUP_GOALS := help boards board-info clean print-% depcheck new/%
$(SETUP_STAMP): $(SETUP_DEPS)
	$(Q)tool/setup
	$(Q)mkdir -p build && touch $@
ifeq ($(MAKECMDGOALS),)
-include $(SETUP_STAMP)
else ifneq ($(filter-out $(NO_SETUP_GOALS),$(MAKECMDGOALS)),)
-include $(SETUP_STAMP)
endif
setup:
	$(Q)tool/setup && mkdir -p build && touch $(SETUP_STAMP)

# ---------------------------------------------------------------- portable lib
UTIL_SRC := $(wildcard lib/util/*.c)

# ---------------------------------------------------------------- kernel
KERNEL_SRC := $(wildcard kernel/*.c kernel/arch/arm/*.c kernel/arch/arm/*.S) \
              $(BOARD_KERNEL_SRC) $(UTIL_SRC)
# KDEBUG=1: the kernel reports every refused system call (doc/building.md);
# its objects go to a directory of their own
KERNEL_B   := $(B)/kernel$(if $(filter 1,$(KDEBUG)),-kdebug)
KERNEL_OBJ := $(patsubst %,$(KERNEL_B)/%.o,$(basename $(KERNEL_SRC)))
KERNEL_LIB := $(KERNEL_B)/libkernel.a

$(KERNEL_B)/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      [kernel] $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@
$(KERNEL_B)/%.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      [kernel] $<"
	$(Q)$(CC) $(KERNEL_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
$(KERNEL_LIB): $(KERNEL_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^
kernel: $(KERNEL_LIB)

# ---------------------------------------------------------------- user library
# lib/base: start-up code, system-call stubs and the basic component runtime.
BASE_SRC := $(wildcard lib/base/*.c lib/base/*.S) $(UTIL_SRC)
BASE_OBJ := $(patsubst %,$(B)/lib/%.o,$(basename $(BASE_SRC)))
BASE_LIB := $(B)/lib/libcn_base.a

$(B)/lib/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      [lib] $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@
$(B)/lib/%.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      [lib] $<"
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
$(BASE_LIB): $(BASE_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# ---------------------------------------------------------------- programs
# A component is a directory with a target.mk (doc/building.md, "Target
# files"); a library shared by several programs is a directory with a
# lib.mk. Both are found at any depth under the component folders. Make
# target = directory, e.g. 'make app/hello'; the binary is $(B)/bin/<TARGET>.
COMPONENT_ROOTS := app server drivers test
find_files = $(sort $(shell find $(wildcard $(COMPONENT_ROOTS)) -name $(1) -type f 2>/dev/null))
TARGET_FILES := $(wildcard core/target.mk init/target.mk) $(call find_files,target.mk)
LIB_FILES    := $(call find_files,lib.mk)
PROGRAM_DIRS := $(patsubst %/target.mk,%,$(TARGET_FILES))
USER_LD := lib/base/user.ld

# Every line of a target or library file sets one of its variables (or is a
# comment, blank, or continues the previous line): anything else is an error
# naming the file and line, before make reads it.
TARGET_VARS := TARGET SRC LIBS EXTRA_SRC EXTRA_CFLAGS
LIB_VARS    := LIB SRC EXTRA_CFLAGS
check_mk = $(shell awk -v vars='$(2)' 'BEGIN { n = split(vars, v, " "); for (i = 1; i <= n; i++) ok[v[i]] = 1 } \
	{ line = $$0 } cont { cont = (line ~ /\\$$/); next } { cont = (line ~ /\\$$/) } \
	line ~ /^[ \t]*(\#.*)?$$/ { next } \
	match(line, /^[A-Za-z_][A-Za-z_0-9]*[ \t]*(:=|\+=|\?=|=)/) { \
		name = line; sub(/[ \t]*(:=|\+=|\?=|=).*/, "", name); \
		if (name in ok) next; \
		printf "%s:%d: unknown variable %s (a %s sets: %s);", FILENAME, FNR, name, kind, vars; next } \
	{ printf "%s:%d: not a variable assignment: %s;", FILENAME, FNR, line }' kind=$(3) $(1))
TARGET_FILE_ERRORS := $(if $(TARGET_FILES),$(call check_mk,$(TARGET_FILES),$(TARGET_VARS),target.mk))
LIB_FILE_ERRORS    := $(if $(LIB_FILES),$(call check_mk,$(LIB_FILES),$(LIB_VARS),lib.mk))
$(foreach e,$(subst ;, ,$(subst $(space),@,$(strip $(TARGET_FILE_ERRORS)$(LIB_FILE_ERRORS)))),\
  $(info $(subst @, ,$(e))))
$(if $(strip $(TARGET_FILE_ERRORS)$(LIB_FILE_ERRORS)),$(error malformed target or library file (see above)))

# mk_error FILE, MESSAGE
TARGET_NAMES :=
LIB_NAMES :=
PROGRAMS :=
mk_error = $(error $(1): $(2))

# A library: $(B)/lib/lib<LIB>.a from SRC (default: the directory's *.c, *.S)
define library_rules
LIB :=
SRC :=
EXTRA_CFLAGS :=
include $(1)/lib.mk
$$(if $$(filter 1,$$(words $$(LIB))),,$$(call mk_error,$(1)/lib.mk,LIB must name the library (one word)))
$$(if $$(filter $$(LIB),$$(LIB_NAMES)),$$(call mk_error,$(1)/lib.mk,library '$$(LIB)' is also defined in $$(LIB_DIR_$$(LIB))))
LIB_NAMES += $$(LIB)
LIB_DIR_$$(LIB) := $(1)
LIB_$$(LIB)_SRC := $$(if $$(SRC),$$(addprefix $(1)/,$$(SRC)),$$(wildcard $(1)/*.c $(1)/*.S))
$$(foreach f,$$(LIB_$$(LIB)_SRC),$$(if $$(wildcard $$(f)),,$$(call mk_error,$(1)/lib.mk,source $$(f) does not exist)))
LIB_$$(LIB)_OBJ := $$(patsubst %,$(B)/obj/%.o,$$(basename $$(LIB_$$(LIB)_SRC)))
LIB_$$(LIB)_CFLAGS := $$(EXTRA_CFLAGS)
$$(LIB_$$(LIB)_OBJ): USER_CFLAGS += $$(LIB_$$(LIB)_CFLAGS)
$(B)/lib/lib$$(LIB).a: $$(LIB_$$(LIB)_OBJ)
	@mkdir -p $$(dir $$@)
	@echo "  AR      $$@"
	$(Q)rm -f $$@ && $(AR) rcs $$@ $$^
endef
$(foreach d,$(patsubst %/lib.mk,%,$(LIB_FILES)),$(eval $(call library_rules,$(d))))

define program_rules
TARGET :=
SRC :=
LIBS :=
EXTRA_SRC :=
EXTRA_CFLAGS :=
include $(1)/target.mk
$$(if $$(filter 1,$$(words $$(TARGET))),,$$(call mk_error,$(1)/target.mk,TARGET must name the program (one word)))
$$(if $$(filter $$(TARGET),$$(TARGET_NAMES)),$$(call mk_error,$(1)/target.mk,program '$$(TARGET)' is also built by $$(TARGET_DIR_$$(TARGET))))
$$(foreach l,$$(LIBS),$$(if $$(filter $$(l),$$(LIB_NAMES)),,$$(call mk_error,$(1)/target.mk,unknown library '$$(l)' in LIBS (libraries: $$(LIB_NAMES)))))
TARGET_NAMES += $$(TARGET)
TARGET_DIR_$$(TARGET) := $(1)
$(1)_TARGET := $$(TARGET)
$(1)_OWN := $$(if $$(SRC),$$(addprefix $(1)/,$$(SRC)),$$(wildcard $(1)/*.c $(1)/*.S))
$(1)_SRC := $$($(1)_OWN) $$(EXTRA_SRC)
$$(foreach f,$$($(1)_SRC),$$(if $$(wildcard $$(f)),,$$(call mk_error,$(1)/target.mk,source $$(f) does not exist)))
$$(if $$(strip $$($(1)_SRC)),,$$(call mk_error,$(1)/target.mk,no sources (no SRC and no *.c or *.S in $(1))))
$(1)_OBJ := $$(patsubst %,$(B)/obj/%.o,$$(basename $$($(1)_SRC)))
$(1)_LIBS := $$(foreach l,$$(LIBS),$(B)/lib/lib$$(l).a)
$(1)_EXTRA_CFLAGS := $$(EXTRA_CFLAGS)
$$(patsubst %,$(B)/obj/%.o,$$(basename $$($(1)_OWN))): USER_CFLAGS += $$($(1)_EXTRA_CFLAGS)
$(B)/bin/$$($(1)_TARGET): $$($(1)_OBJ) $$($(1)_LIBS) $(BASE_LIB) $(USER_LD)
	@mkdir -p $$(dir $$@)
	@echo "  LD      $$@"
	$(Q)$(CC) $(ARCH_FLAGS) -nostdlib -static -T $(USER_LD) -o $$@ \
	    $$($(1)_OBJ) $$($(1)_LIBS) $(BASE_LIB) $(LIBGCC)
.PHONY: $(1)
$(1): $(B)/bin/$$($(1)_TARGET)
PROGRAMS += $(B)/bin/$$($(1)_TARGET)
endef
$(foreach d,$(PROGRAM_DIRS),$(eval $(call program_rules,$(d))))

$(B)/obj/%.o: %.c | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@
$(B)/obj/%.o: %.S | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(USER_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
programs: $(PROGRAMS)

# ---------------------------------------------------------------- board device description
# board/<name>/devices.xml becomes the boot module 'devices' the platform
# component reads (doc/platform.md).
ifneq ($(wildcard board/$(BOARD)/devices.xml),)
$(B)/bin/devices: board/$(BOARD)/devices.xml
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
programs: $(B)/bin/devices
server/platform: $(B)/bin/devices
endif

# ---------------------------------------------------------------- boot image
# make boot-image MODULES="core init config" IMAGE=path/image.elf
# Packs the boot modules (files in $(B)/bin/ or paths) into the kernel image.
# The first module is the roottask the kernel starts. (The run tool's
# build_boot_image uses this.)
IMAGE ?= $(B)/image.elf
.PHONY: boot-image image sd-image
boot-image: $(KERNEL_LIB)
	@test -n "$(MODULES)" || { echo "boot-image: MODULES is empty" >&2; exit 1; }
	$(Q)tool/mkimage --out $(IMAGE) --kernel-lib $(KERNEL_LIB) --bin $(B)/bin \
	    --ld-script kernel/arch/arm/kernel.ld --cc "$(CC) $(ARCH_FLAGS)" \
	    --ldflags "-Wl,--defsym=KERNEL_PHYS=$(BOARD_KERNEL_PHYS) -Wl,--defsym=RAM_BASE=$(BOARD_RAM_BASE) $(LIBGCC)" $(MODULES)

# ---------------------------------------------------------------- SD card image
# make image BOARD=b RUN=scenario [FIRMWARE=dir] [NONFREE=omit]
# writes build/<b>/<scenario>.img: the run tool builds the scenario's boot
# image as for a run and packs it into a card (tool/sdimage) instead of
# booting it. A board's card is described in its board.mk (BOARD_UBOOT_*,
# BOARD_CARD_*); doc/boards.md says how to write it to a card.
image: $(SETUP_STAMP)
	@test -n "$(RUN)" || { echo "image: RUN=<scenario> is required, e.g. make image BOARD=$(BOARD) RUN=hello" >&2; exit 1; }
	@test -n "$(BOARD_UBOOT_LOAD)" || { echo "image: board $(BOARD) has no SD card image (no BOARD_UBOOT_LOAD in board/$(BOARD)/board.mk)" >&2; exit 1; }
	$(Q)tool/run --board $(BOARD) --card $(B)/$(notdir $(RUN)).img run/$(notdir $(RUN)).run

# make image-check BOARD=panda|arndale RUN=scenario [CARD=img]: the structural
# check of a card made by 'make image' (tool/imgcheck; the board's RAM and
# kernel address from board.mk, the boot image ELF from the run's folder).
# 'make test' checks the cards of IMGCHECK_BOARDS and breaks them on purpose
# (test/image/imgcheck_test.sh).
IMGCHECK_BOARDS := panda arndale
.PHONY: image-check
image-check:
	@test -n "$(RUN)$(CARD)" || { echo "image-check: RUN=<scenario> or CARD=<img> is required" >&2; exit 1; }
	$(Q)tool/imgcheck --board $(BOARD) --ram $(BOARD_RAM_BASE):$(BOARD_RAM_SIZE) --kernel-phys $(BOARD_KERNEL_PHYS) \
	    $(if $(ELF),--elf $(ELF),$(if $(wildcard $(B)/run/$(RUN)/image.elf),--elf $(B)/run/$(RUN)/image.elf)) \
	    $(or $(CARD),$(B)/$(RUN).img)

# make sd-image ELF=image.elf CARD=out.img NAME=scenario: one card from a
# boot image (the run tool calls this).
CARD_ARGS = --load $(BOARD_UBOOT_LOAD) --fdt $(BOARD_UBOOT_FDT) \
            $(addprefix --fat ,$(BOARD_CARD_FAT)) $(addprefix --raw ,$(BOARD_CARD_RAW)) \
            $(addprefix --nonfree ,$(BOARD_CARD_NONFREE))
sd-image: $(if $(BOARD_QEMU_FW),$(B)/qemu-fw.elf)
	@test -n "$(ELF)" && test -n "$(CARD)" && test -n "$(NAME)" || { echo "sd-image: ELF, CARD and NAME are required" >&2; exit 1; }
	$(Q)tool/sdimage --out $(CARD) --elf $(ELF) --name $(NAME) $(CARD_ARGS) \
	    $(addprefix --nonfree-dir ,$(FIRMWARE) $(BOARD_CARD_NONFREE_DIRS)) \
	    --nonfree-what "$(BOARD_CARD_NONFREE_WHAT)" $(if $(filter omit,$(NONFREE)),--omit-nonfree)

# The firmware stand-in QEMU runs before U-Boot on boards that need one
# (BOARD_QEMU_FW: its assembly file and linker script).
$(B)/qemu-fw.elf: $(BOARD_QEMU_FW) $(BOARD_UBOOT_DIR)/u-boot.bin | $(SETUP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  FW      $@"
	$(Q)$(CC) $(ARCH_FLAGS) -nostdlib -DUBOOT_BIN='"$(BOARD_UBOOT_DIR)/u-boot.bin"' \
	    -T $(filter %.ld,$(BOARD_QEMU_FW)) $(filter %.S,$(BOARD_QEMU_FW)) -o $@

# ---------------------------------------------------------------- run, test, bench
# The run tool asks for the board's QEMU command line with 'make board-info'.
.PHONY: board-info
board-info:
	@echo "board=$(BOARD)"
	@echo "desc=$(BOARD_DESC)"
	@echo "qemu=$(BOARD_QEMU)"
	@echo "qemu_args=$(strip $(BOARD_QEMU_ARGS))"
	@echo "cycle_counter=$(BOARD_CYCLE_COUNTER)"
	@echo "nr_cpus=$(BOARD_NR_CPUS)"
	@echo "qemu_uboot=$(strip $(BOARD_QEMU_UBOOT))"

# The QEMU-emulated boards 'make test' and 'make bench' cover (make bench
# skips the boards without an instruction-counting cycle counter: exynos4).
QEMU_BOARDS := virt vexpress-a9 rpi2 exynos4

run/%: $(SETUP_STAMP)
	$(Q)tool/run --board $(BOARD) $(if $(BOOT),--boot $(BOOT)) $(if $(GDB),--gdb) $(if $(GDB_PORT),--gdb-port $(GDB_PORT)) \
	    $(if $(ICOUNT),--icount) $(if $(BATCH),--batch) run/$*.run

test: $(SETUP_STAMP)
	$(Q)tool/test

bench: $(SETUP_STAMP)
	$(Q)tool/bench

# The Linux baseline of the I/O benchmarks on its own (doc/linux-baseline.md):
# downloads Debian's armmp kernel once (cached), boots it under icount.
.PHONY: linux-baseline
linux-baseline: $(SETUP_STAMP)
	$(Q)tool/linux-baseline run

# No two files of these directories may call each other in a circle
# (tool/depcheck; make test runs 'make depcheck'); DEPCHECK_EXCLUDE leaves
# files out of the check (none is).
DEPCHECK_DIRS    := core lib/base init
DEPCHECK_EXCLUDE :=
.PHONY: depcheck
depcheck:
	$(Q)tool/depcheck $(addprefix --exclude ,$(DEPCHECK_EXCLUDE)) $(DEPCHECK_DIRS)
	$(Q)out=$$(tool/depcheck test/host/depcheck_circle); \
	echo "$$out" | grep -q '^depcheck: FAIL test/host/depcheck_circle/: .*: a.c b.c c.c$$' || \
	{ echo "depcheck: FAIL the check misses the circle of test/host/depcheck_circle:"; echo "$$out"; exit 1; }

# The code blocks of doc/ marked complete ('<!-- complete: FILE -->': the
# tree's FILE byte for byte, compiled as the build compiles it; '<!--
# complete: c -->': a whole C file) are checked (tool/doccheck); make test
# runs this. The fixture test/host/doccheck/broken.md proves the check
# fails on a block that does not compile, differs or is missing.
DOCCHECK := tool/doccheck --cc "$(CC)" --cflags "$(filter-out -MMD -MP,$(USER_CFLAGS))"
# Every source file carries an SPDX line (tool/spdxcheck); the fixture
# test/host/spdx_missing proves the check finds a file without one.
.PHONY: spdxcheck
spdxcheck:
	$(Q)tool/spdxcheck
	$(Q)out=$$(tool/spdxcheck test/host/spdx_missing); \
	echo "$$out" | grep -q '^  test/host/spdx_missing/nolicense.c$$' || \
	{ echo "spdxcheck: FAIL the check misses test/host/spdx_missing/nolicense.c:"; echo "$$out"; exit 1; }

.PHONY: doccheck
doccheck: $(SETUP_STAMP)
	$(Q)$(DOCCHECK) doc
	$(Q)out=$$($(DOCCHECK) test/host/doccheck/broken.md); \
	for re in '^doccheck: FAIL test/host/doccheck/broken.md:22: the C block does not compile:$$' \
	          "error: implicit declaration of function 'cn_logg'" \
	          '^doccheck: FAIL test/host/doccheck/broken.md:36: the block differs from app/example_client/main.c from its line 1 on' \
	          '^doccheck: FAIL test/host/doccheck/broken.md:45: marker "complete: c" is not followed by a fenced code block$$' \
	          '^doccheck: 3 of 4 blocks failed$$'; do \
		echo "$$out" | grep -q -- "$$re" || \
		{ echo "doccheck: FAIL the check misses a broken block of test/host/doccheck/broken.md ($$re):"; echo "$$out"; exit 1; }; \
	done

# make new/server NAME=foo, make new/app NAME=foo: the skeleton of a new
# component and its run script (tool/new; doc/building.md).
.PHONY: new/server new/app
new/server new/app:
	$(Q)tool/new $(notdir $@) "$(NAME)"

# make print-VAR: the value of a make variable (tool/test asks for HOST_TESTS).
print-%:
	@echo '$(strip $($*))'

clean:
	rm -rf build/*/ build/host

boards:
	@echo $(BOARDS)

help:
	@echo "Cairn build. BOARD=<board> selects the board (default virt)."
	@echo "boards: $(BOARDS)"
	@echo "targets:"
	@echo "  all | kernel | programs     build for BOARD"
	@echo "  <program dir>               one program: $(PROGRAM_DIRS)"
	@echo "  run/<name>                  boot a scenario: $(patsubst run/%.run,%,$(wildcard run/*.run))"
	@echo "  test                        host tests + run-script tests on all QEMU boards"
	@echo "  bench                       benchmark run scripts (icount)"
	@echo "  doccheck                    check doc/'s code blocks marked complete (tool/doccheck)"
	@echo "  new/server NAME=foo         skeleton of a server, its client and run/foo.run (tool/new)"
	@echo "  new/app NAME=foo            skeleton of a program and run/foo.run"
	@echo "  setup                       install the Debian packages the build needs"
	@echo "  image RUN=<scenario>        SD card image build/<board>/<scenario>.img [FIRMWARE=dir] [NONFREE=omit]"
	@echo "  boot-image MODULES=... IMAGE=... pack a boot image (kernel + modules)"
	@echo "  clean                       remove build/"
	@echo "  print-VAR                   print a make variable, e.g. print-QEMU_BOARDS"
	@echo "options: V=1 (show commands), GDB=1 [GDB_PORT=1234] (run: start QEMU halted,"
	@echo "         wait for GDB), ICOUNT=1 (run: -icount shift=0,sleep=off), BATCH=1"
	@echo "         (run: log to build/<board>/run/<name>/log only), BOOT=uboot (run: boot"
	@echo "         through U-Boot from an SD card image, boards with BOARD_QEMU_UBOOT)"

.DEFAULT:
	@echo "make: unknown target '$@'." >&2
	@$(MAKE) -s --no-print-directory help >&2
	@exit 1

-include $(shell find build/$(BOARD) -name '*.d' 2>/dev/null)
# Only include host.mk when it exists: make would otherwise try to remake the
# missing file through the .DEFAULT rule, which re-runs make: endless recursion.
ifneq ($(wildcard test/host/host.mk),)
include test/host/host.mk
endif
