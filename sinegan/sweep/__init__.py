"""Sweeps: many configs and seeds trained in parallel on Ray Tune, and compared.

One GAN run says little: the same recipe can succeed with one seed and
collapse with the next. A sweep trains a grid of config values with many
seeds (or lets Optuna search among the values) and keeps one table row per
trial. The modules, in the order a sweep uses them:

- ``spec``: the grid, the seeds and the search, read and checked whole
  before anything starts (no Ray, no Keras);
- ``tune``: Ray Tune runs the trials, on this machine or a cluster;
- ``trial`` and ``callback``: each trial is a sinegan run directory, which
  resumes exactly from its checkpoint, and reports its measures through a
  Keras callback every monitored epoch;
- ``table``: the rows as CSV and Parquet;
- ``report``: the figures and the best configs.

Ray is needed only by ``tune`` (``pip install "sinegan[sweep]"``), and imported
only when a sweep runs; the command is ``sinegan sweep`` (sinegan.tool.sweep_command).
"""
