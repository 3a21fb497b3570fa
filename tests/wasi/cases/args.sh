# argv with spaces, an empty argument, UTF-8 and a leading dash; env from NAME=VAL and from the host.
args=(one "two words" "" "héllo wörld" -x --flag=1)
env=(A=1 "B=with spaces" "EMPTY=" "EQ=a=b=c" FROM_HOST)
export FROM_HOST="value from the host"
export NOT_PASSED="must not leak"
