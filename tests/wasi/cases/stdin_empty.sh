# Standard input is /dev/null: immediate EOF.
guest=stdin
