# The same input through a pipe (reads return short counts; the guest must still see every byte).
guest=stdin
input=input.txt
pipe=1
setup() { awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "line %d of the input, %s\n", i, (i % 7 ? "abc" : "xyz") }' >input.txt; }
