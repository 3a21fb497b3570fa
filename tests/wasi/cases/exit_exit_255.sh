guest=exit
args=(exit 255)
status=255
