# poll_oneoff clock subscriptions with absolute deadlines.
guest=poll
args=(absolute)
