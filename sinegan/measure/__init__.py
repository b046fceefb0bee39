"""What the GAN learned, measured: NumPy and SciPy only (plane.py calls D, a Keras model; the
TimeGAN scores train small Keras networks of their own).

sine_fit.py   is each curve a sinusoid? fit a·sin(b·x + c) + d to every curve
distances.py  how far are two samples of curves? W1 of the fitted parameters, kernel MMD,
              k-NN precision and recall, diversity, D's held-out accuracy
evaluate.py   evaluate_curves: the one function that measures generated curves against the data
plane.py      measure_plane: the game in the (b, c) plane, D's score of every sinusoid and
              G's curves at their fitted (b, c)
timegan.py    the TimeGAN benchmark's post-hoc scores of multivariate series: the
              discriminative score (can a small GRU tell real from synthetic?) and the
              predictive score (train on synthetic, predict real)
stacked.py    many small GRU networks trained side by side as one, block-diagonal network
"""
