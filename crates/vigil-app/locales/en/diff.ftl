# A record's history: the records a state names, in words.
history-participant = { $name } ({ $role })
history-not-shown = a record not shown here
