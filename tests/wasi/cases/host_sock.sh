# Real sockets handed in through the embedding API (tests/wasi/sock_host.c; run with the host
# program, not wisp run).
guest=sock
