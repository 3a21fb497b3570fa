# The guest opens race/file.txt for two seconds while the host keeps swapping sandbox/race between
# a real directory and a symlink to a directory outside holding the sentinel (a time-of-check to
# time-of-use attack on path resolution). The guest must never read or create anything outside.
guest=escape
args=(race)
setup() {
    mkdir -p "$sandbox/race" "$outside/dir2"
    printf 'inside\n' >"$sandbox/race/file.txt"
    cp "$outside/sentinel.txt" "$outside/dir2/file.txt"
    ln -s ../outside/dir2 "$sandbox/race.lnk"
    # Each state lasts about as long as one mv. Bounded in count and time; check() stops it.
    (
        cd "$sandbox" || exit 1
        start=$SECONDS
        for ((i = 0; i < 50000 && SECONDS < start + 60; i++)); do
            [ -e ../stop-swapping ] && break
            mv -T race race.dir && mv -T race.lnk race && mv -T race race.lnk && mv -T race.dir race || break
        done
    ) </dev/null >/dev/null 2>&1 &
    echo $! >swapper.pid
}
check() {
    touch "$tmp/box/stop-swapping"
    while kill -0 "$(cat "$tmp/swapper.pid")" 2>/dev/null; do sleep 0.1; done
    rm -f "$tmp/box/stop-swapping"
}
