# Escape attempts. The links inside the sandbox are made by the host, as an attacker who got files
# into the sandbox would; the guest then tries to use them. The driver checks that nothing outside
# changed and that the sentinel's contents never appear in the output.
setup() {
    mkdir -p "$sandbox/sub/deeper"
    printf 'inside\n' >"$sandbox"/sub/file.txt
    ln -s ../outside/sentinel.txt "$sandbox/up"
    ln -s "$outside/sentinel.txt" "$sandbox/abs"
    ln -s .. "$sandbox/updir"
    ln -s / "$sandbox/root"
    ln -s /etc "$sandbox/etc"
    ln -s loop2 "$sandbox/loop1"
    ln -s loop1 "$sandbox/loop2"
    ln -s self "$sandbox/self"
    ln -s ../../outside "$sandbox/sub/deep"
    ln -s ../outside/new.txt "$sandbox/dangle"
    ln -s "$outside/new-abs.txt" "$sandbox/dangle_abs"
    ln -s "$outside/dir" "$sandbox/outdir"
    ln -s sub/../up "$sandbox/indirect"
    ln -s file.txt "$sandbox/sub/ok"
}
check() {
    [ "$(cat "$sandbox/sub/file.txt")" = inside ] || fail "sandbox/sub/file.txt changed"
    [ ! -e "$sandbox/hard" ] || fail "a hard link to a file outside was made in the sandbox"
    [ ! -e /tmp/evil.txt ] && [ ! -e /tmp/evil ] || fail "SANDBOX ESCAPE: /tmp/evil.txt or /tmp/evil exists"
    [ ! -L "$sandbox/up" ] || fail "the link 'up' should have been removed"
}
