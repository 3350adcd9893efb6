#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Tests of the SD-image checker (tool/imgcheck) with cards broken on purpose.
# Takes the good cards 'make image' wrote for panda and arndale (scenario
# RUN, default hello), copies them into a temporary directory, breaks each
# copy in one way (wrong raw offset, missing file, boot script with a wrong
# load address, ...) and requires the checker to fail with the message
# naming that fault; the unbroken copies must pass. Prints one line
# 'test: <name> ok' or 'test: <name> FAIL <why>' per case; exit 1 if any failed.
#
# usage: test/image/imgcheck_test.sh   (from the top of the tree, after
#        make image BOARD=panda RUN=hello; make image BOARD=arndale RUN=hello NONFREE=omit)
set -u
cd "$(dirname "$0")/../.."
RUN=${RUN:-hello}
PATH=$PATH:/usr/sbin:/sbin
export MTOOLS_SKIP_CHECK=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/imgcheck_test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

for b in panda arndale; do
	[ -f "build/$b/$RUN.img" ] && [ -f "build/$b/run/$RUN/image.elf" ] || {
		echo "test: setup FAIL no card build/$b/$RUN.img (make image BOARD=$b RUN=$RUN${b/panda/}${b/arndale/ NONFREE=omit})"
		exit 1; }
done

# check NAME BOARD CARD EXPECT: the checker's status (0 pass, 1 fail) and a
# line its output must contain (a grep -E pattern).
check() {
	local name=$1 board=$2 card=$3 want_rc=$4 want=$5 out rc=0
	out=$(make -s --no-print-directory image-check BOARD="$board" RUN="$RUN" CARD="$card" 2>&1) || rc=$?
	rc=$((rc ? 1 : 0))
	if [ "$rc" -ne "$want_rc" ]; then
		echo "test: $name FAIL checker status $rc, expected $want_rc; its last lines:"
		echo "$out" | grep -E 'FAIL|absent|imgcheck:' | tail -n 5 | sed 's/^/    /'
		failed=1
	elif ! echo "$out" | grep -Eq -- "$want"; then
		echo "test: $name FAIL the output lacks /$want/:"
		echo "$out" | grep -E 'FAIL|absent|imgcheck:' | tail -n 5 | sed 's/^/    /'
		failed=1
	else
		echo "test: $name ok"
		echo "$out" | grep -E '^  (FAIL|absent)' | head -n 3 | sed 's/^/    /'
	fi
}

# fresh BOARD NAME: a copy of the good card, path printed
fresh() { cp "build/$1/$RUN.img" "$tmp/$2.img"; echo "$tmp/$2.img"; }
# poke CARD OFFSET HEXBYTES: overwrite bytes of the card
poke() { printf "$(echo "$3" | sed 's/../\\x&/g')" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }
# script BOARD CARD LOAD BOOTM FDT: replace boot.scr by one compiled from
# the card's boot.cmd with other addresses
script() {
	local board=$1 card=$2
	mcopy -i "$card@@4M" ::/boot.cmd "$tmp/boot.cmd.orig"
	sed -e "s/^\(load .*\) 0x[0-9a-f]* cairn.uimg/\1 $3 cairn.uimg/" \
	    -e "s/^bootm .*/bootm $4 - $5/" "$tmp/boot.cmd.orig" > "$tmp/boot.cmd"
	mkimage -A arm -O linux -T script -C none -n "Cairn boot script" -d "$tmp/boot.cmd" "$tmp/boot.scr" > /dev/null
	mcopy -o -i "$card@@4M" "$tmp/boot.scr" "$tmp/boot.cmd" ::/
	rm -f "$tmp/boot.cmd.orig"
}

# --- the good cards pass (BL1 reported absent on arndale, not a failure)
check good-panda panda "$(fresh panda good-panda)" 0 '^imgcheck: PASS'
check good-arndale arndale "$(fresh arndale good-arndale)" 0 '^imgcheck: PASS .*absent: arndale-bl1.bin'
c=$(fresh arndale bl1-present)
head -c 8192 /dev/urandom | dd of="$c" bs=512 seek=1 conv=notrunc status=none
check arndale-bl1-present arndale "$c" 0 'ok +arndale-bl1.bin present at sector 1'

# --- wrong raw offsets (arndale): u-boot.bin one sector late, the SPL at 16
c=$(fresh arndale uboot-offset)
dd if=/dev/zero of="$c" bs=512 seek=49 count=1100 conv=notrunc status=none
dd if=/usr/lib/u-boot/arndale/u-boot.bin of="$c" bs=512 seek=50 conv=notrunc status=none
check arndale-uboot-wrong-offset arndale "$c" 1 'FAIL +u-boot.bin at sector 49 equals Debian.s.*found at sector 50 instead'
c=$(fresh arndale spl-offset)
dd if=/dev/zero of="$c" bs=512 seek=16 count=33 conv=notrunc status=none
dd if=/usr/lib/u-boot/arndale/arndale-spl.bin of="$c" bs=512 seek=16 conv=notrunc status=none
check arndale-spl-wrong-offset arndale "$c" 1 'FAIL +arndale-spl.bin at sector 17 equals Debian.s.*found at sector 16 instead'
c=$(fresh arndale spl-byte)
poke "$c" $((17 * 512 + 100)) 5a
check arndale-spl-changed-byte arndale "$c" 1 'FAIL +arndale-spl.bin at sector 17 .*first difference at card byte 8804'

# --- missing files (panda): u-boot.img, MLO, boot.scr, cairn.uimg
for f in u-boot.img MLO boot.scr cairn.uimg; do
	c=$(fresh panda "missing-$f")
	mdel -i "$c@@4M" "::/$f"
	check "panda-missing-$f" panda "$c" 1 "FAIL +$f in the FAT root directory: missing"
done
c=$(fresh panda mlo-byte)
mcopy -i "$c@@4M" ::/MLO "$tmp/MLO"
poke "$tmp/MLO" 1000 00
mcopy -o -i "$c@@4M" "$tmp/MLO" ::/MLO
check panda-mlo-changed panda "$c" 1 'FAIL +MLO equals Debian.s byte for byte.*first difference at byte 1000'

# --- the partition table
c=$(fresh panda not-bootable)
poke "$c" 446 00
check panda-not-bootable panda "$c" 1 'FAIL +partition 1 is bootable'
c=$(fresh arndale wrong-type)
poke "$c" 450 83
check arndale-partition-type arndale "$c" 1 'FAIL +partition 1 type 0x83 is FAT'

# --- boot scripts with wrong load addresses
# panda's RAM (board.mk) is 0x80000000-0x90000000
c=$(fresh panda load-outside-ram)
script panda "$c" 0x94000000 0x94000000 0x83e00000
check panda-script-load-outside-ram panda "$c" 1 'FAIL +cairn.uimg loaded at 0x94000000-.*outside the board.s RAM'
c=$(fresh panda load-bootm-differ)
script panda "$c" 0x84100000 0x84000000 0x83e00000
check panda-script-bootm-other-address panda "$c" 1 'FAIL +bootm boots the address the file was loaded to \(0x84100000\)'
# arndale: the image loaded over the kernel's own addresses (bootm copies onto itself)
c=$(fresh arndale load-over-kernel)
script arndale "$c" 0x40010000 0x40010000 0x43e00000
check arndale-script-load-over-kernel arndale "$c" 1 'FAIL +kernel 0x40000000-.* and the loaded cairn.uimg 0x40010000-.*overlap'
c=$(fresh arndale fdt-other)
script arndale "$c" 0x44000000 0x44000000 0x43d00000
check arndale-script-fdt-mismatch arndale "$c" 1 'FAIL +bootm passes the device tree where fdt move put it'

# --- a Cairn image for another address than the board's kernel address
c=$(fresh panda uimg-load)
mcopy -i "$c@@4M" ::/cairn.uimg "$tmp/cairn.uimg"
dd if="$tmp/cairn.uimg" of="$tmp/cairn.bin" bs=64 skip=1 status=none
mkimage -A arm -O linux -T kernel -C none -a 0x80100000 -e 0x80100000 -n "Cairn $RUN" -d "$tmp/cairn.bin" "$tmp/cairn.uimg" > /dev/null
mcopy -o -i "$c@@4M" "$tmp/cairn.uimg" ::/cairn.uimg
check panda-uimage-wrong-load panda "$c" 1 "FAIL +cairn.uimg: load address 0x80100000 is the board's kernel address"
c=$(fresh panda uimg-crc)
mcopy -i "$c@@4M" ::/cairn.uimg "$tmp/cairn.uimg"
poke "$tmp/cairn.uimg" 4000 ff
mcopy -o -i "$c@@4M" "$tmp/cairn.uimg" ::/cairn.uimg
check panda-uimage-corrupt panda "$c" 1 'FAIL +cairn.uimg: data CRC'

exit $failed
