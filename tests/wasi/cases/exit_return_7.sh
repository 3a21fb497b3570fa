guest=exit
args=(return 7)
status=7
