"""The R1 penalty on D (not on the slides): ``r1_penalty_weight`` = gamma > 0 turns it on.

It keeps the cross-entropy game but adds to D's loss, on real curves only,

    gamma / 2 * E_x[||grad_x l(x)||^2],   l(x) = log(D(x) / (1 - D(x))), D's logit,

so that D cannot grow steep around the data. Without it, the paper shows, G and
D circle the equilibrium instead of reaching it; G's weights keep swinging and
some of its curves land between two sinusoids. Only the fast engine
(sinegan.engines.fast) adds it: ``train_on_batch`` cannot express a loss that
needs D's gradient with respect to its input.

Reference: Mescheder et al. 2018, "Which Training Methods for GANs do actually
Converge?", arXiv:1801.04406.
"""

from __future__ import annotations

from keras import ops

from .. import backends


def r1_penalty(discriminator, real):
    """mean(||grad_x l(x)||^2) over real inputs x, with l = log(D / (1 - D)) D's logit.

    D ends in a sigmoid, so its logit is read back from the probability, clipped
    like the cross-entropy's to [1e-7, 1 - 1e-7] (a saturated row adds nothing).
    The caller multiplies by gamma / 2.
    """

    def logits(x):  # (batch, n) -> (batch,)
        # (batch,)
        probabilities = ops.clip(discriminator(x, training=True)[:, 0], 1e-7, 1.0 - 1e-7)
        return ops.log(probabilities) - ops.log1p(-probabilities)

    gradients = backends.current().input_gradient(logits, real)  # (batch, n)
    return ops.mean(ops.sum(ops.square(gradients), axis=1))
