"""The run tooling: the ``sinegan`` command, run directories and checkpoints.

cli.py           the command's arguments, checked before TensorFlow loads
commands.py      what each command does (train, sample, evaluate, animate)
progress.py      the progress bar of ``sinegan train``
errors.py        exit statuses, shared by cli and commands
checkpoint.py    a run's whole state, for exact resume
history_arrays.py  a training history as a checkpoint's arrays, and back
state.py         a trainer's variables, each under a key that is the same in every process
rundir.py        the run directory: config, checkpoint, history, models, samples, figures
files.py         atomic writes: an interrupted run never leaves a half-written file
command_line.py  what the examples and the command share: one-line errors, checked folders
"""
