guest=exit
args=(abort)
status=134
stderr_re=trap
