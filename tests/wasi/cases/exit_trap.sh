guest=exit
args=(trap)
status=134
stderr_re=trap
