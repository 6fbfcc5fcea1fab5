#!/bin/sh
# Checks deploy/Dockerfile's two stages without a container engine (none runs on the machines this
# project is developed on; `docker` there is only a client):
# 1. the build stage's command, `swift build -c release --product hetero-plan --static-swift-stdlib`,
#    on a copy of Package.swift, Sources/ and Tests/ (what the stage COPYs);
# 2. the final stage in a Debian bookworm minbase root made by debootstrap (what debian:bookworm-slim
#    is built from): only libglpk40 installed, the binary, Platforms/ and Models/ copied to /work, then
#    the stage's own RUN line (`hetero-plan check Platforms/onnc-cpu-dsp-dla.json`) and one plan run
#    as the image's user would. /proc is mounted as a container runtime does: without it Foundation
#    cannot read the command line and the tool prints its help and exits 0.
# Needs root, debootstrap and network access to a Debian mirror; takes 20-30 minutes on 2 cores.
# Run from the repository root: sh deploy/verify-dockerfile.sh [WORKDIR]
set -eu
work=${1:-/tmp/hetero-plan-dockerfile-check}
rm -rf "$work"
mkdir -p "$work/src"
git archive --format=tar HEAD Package.swift Sources Tests | tar -x -C "$work/src"
(cd "$work/src" && swift build -c release --product hetero-plan --static-swift-stdlib)
binary="$(cd "$work/src" && swift build -c release --product hetero-plan --static-swift-stdlib --show-bin-path)/hetero-plan"
debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian
cp /etc/resolv.conf "$work/rootfs/etc/resolv.conf"
chroot "$work/rootfs" /bin/sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends libglpk40 && rm -rf /var/lib/apt/lists/*"
install -D "$binary" "$work/rootfs/usr/local/bin/hetero-plan"
mkdir -p "$work/rootfs/work"
cp -a Platforms Models "$work/rootfs/work/"
mount -t proc proc "$work/rootfs/proc"
status=0
chroot "$work/rootfs" /bin/sh -c "cd /work && hetero-plan check Platforms/onnc-cpu-dsp-dla.json > /dev/null \
    && hetero-plan plan Models/light_squeezenet.onnx --platform Platforms/onnc-cpu-dsp-dla.json | grep '^simulated'" || status=$?
umount "$work/rootfs/proc"
if [ "$status" -eq 0 ]; then echo "deploy/Dockerfile: both stages check out"; else echo "deploy/Dockerfile: check failed ($status)"; fi
exit "$status"
