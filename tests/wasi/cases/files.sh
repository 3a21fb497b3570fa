# Files: the host checks afterwards that the guest's writes reached the real files.
check() {
    [ "$(tail -c 10 "$sandbox/d2/moved.txt")" = 0123456789 ] || fail "d2/moved.txt should end in 0123456789"
    [ "$(cat "$sandbox/r1.txt")" = one ] || fail "r1.txt should hold 'one'"
    [ "$(cat "$sandbox/r2.txt")" = two ] || fail "r2.txt should hold 'two'"
    [ -d "$sandbox/d2/inner2" ] || fail "d2/inner2 should be a directory"
    [ ! -e "$sandbox/new.txt" ] || fail "new.txt must not exist (created without the right)"
    [ ! -e "$sandbox/b.txt" ] && [ ! -e "$sandbox/a.txt" ] || fail "a.txt and b.txt should be gone"
}
