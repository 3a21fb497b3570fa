guest=exit
args=(proc_exit 0)
