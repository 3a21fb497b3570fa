guest=exit
args=(proc_exit 42)
status=42
