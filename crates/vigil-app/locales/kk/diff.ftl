# Жазба тарихы: оның күйінде аталған жазбалар, сөзбен.
history-participant = { $name } ({ $role })
history-not-shown = мұнда көрсетілмейтін жазба
