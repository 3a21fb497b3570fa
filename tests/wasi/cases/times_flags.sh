guest=times
args=(flags)
