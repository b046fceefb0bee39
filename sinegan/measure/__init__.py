"""What the GAN learned, measured: NumPy and SciPy only (plane.py calls D, a Keras model).

sine_fit.py   is each curve a sinusoid? fit a·sin(b·x + c) + d to every curve
distances.py  how far are two samples of curves? W1 of the fitted parameters, kernel MMD,
              k-NN precision and recall, diversity, D's held-out accuracy
evaluate.py   evaluate_curves: the one function that measures generated curves against the data
plane.py      measure_plane: the game in the (b, c) plane, D's score of every sinusoid and
              G's curves at their fitted (b, c)
"""
