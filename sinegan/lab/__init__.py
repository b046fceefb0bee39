"""The lab: play the sine GAN live, step by step, in a browser page or a notebook."""
