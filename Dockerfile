# An image whose whole userland is pybox: see docs/container.md.
#
# Stage 1 builds the frozen program (bin/build-frozen) and assembles the
# root tree (bin/assemble-root): the one-file pybox, the C libraries it and
# its unpacked runtime load, /tmp, the persistent runtime in /usr/lib/pybox
# and one link per applet.  Stage 2 is that tree and nothing else.
# tests/e2e builds the same tree with the same script and runs it by chroot.
FROM python:3.11-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN python3 -m venv /venv && /venv/bin/pip install --no-cache-dir -e '.[frozen]' \
    && /venv/bin/python bin/build-frozen \
    && /venv/bin/python bin/assemble-root /rootfs

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/bin:/usr/bin:/sbin:/usr/sbin
# Until pybox has sh, run applets directly: docker run IMAGE /bin/echo hi
CMD ["/bin/pybox", "--list"]
