# Thin wrapper over CMake. `make`, `make test`, `make sanitize`, `make install PREFIX=... [DESTDIR=...]`.
BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all test sanitize clean install
all:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

test: all
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

sanitize:
	cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Debug -DWISP_SANITIZE=ON >/dev/null
	cmake --build build-san -j$(JOBS)
	cd build-san && ctest --output-on-failure -j$(JOBS)

# DESTDIR stages the files under $(DESTDIR)$(PREFIX) for packaging; wisp.pc still names $(PREFIX).
install: all
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) build-san
