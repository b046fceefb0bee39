"""Every figure of sinegan. Functions return matplotlib figures; nothing here imports TensorFlow.

run.py        a training run: the data (step 1), generated against real (step 6),
              snapshots of a fixed latent batch, and the history
lectures.py   the 1010 GAN, latent walks, conditional sines
theory.py     the theory lesson: D* against a trained D, V(G, D*), the generator losses
animation.py  the snapshots in motion
plane.py      the game in the (b, c) plane: D's score, the data's rectangle, G's curves
judging.py    samples side by side, one row each, to judge by eye
"""
