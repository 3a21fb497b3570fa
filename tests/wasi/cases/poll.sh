# Clock subscriptions and fd readiness; stdin is a small file.
input=stdin.txt
setup() { printf "hello\n" >stdin.txt; }
