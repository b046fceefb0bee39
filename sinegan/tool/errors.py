"""What the sinegan command and its commands share: exit statuses.

Both sinegan.tool.cli (the argument checks, before TensorFlow loads) and
sinegan.tool.commands (the work) import this module; neither imports the other
at module level.
"""

EXIT_BAD_INPUT = 2  # a bad argument or file: one line on stderr
EXIT_DIVERGED = 1  # training diverged (TrainingDiverged); the checkpoint keeps the last good epoch
EXIT_INTERRUPTED = 130  # Ctrl-C: the checkpoint of the last finished epoch is on disk
