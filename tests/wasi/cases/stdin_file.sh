# Standard input redirected from a 570 KB file.
guest=stdin
input=input.txt
setup() { awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "line %d of the input, %s\n", i, (i % 7 ? "abc" : "xyz") }' >input.txt; }
