# A pipe on stdin that stays empty for a second, then carries "late".
guest=poll
args=(pipe)
stdin_cmd="sleep 1; echo late"
