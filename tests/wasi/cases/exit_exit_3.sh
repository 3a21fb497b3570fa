guest=exit
args=(exit 3)
status=3
