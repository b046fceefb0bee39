"""The slides' six steps: the small core of sinegan, to read top-down beside the slides.

    config.py         every number of the recipe; the defaults are the slides' values
    dataset.py        step 1: X_TRAIN, the sinusoids, and NOISE, the random curves
    discriminator.py  step 2: D
    training.py       step 5: the slides' loop (first in the module), and step 3: pre-training D
    generator.py      step 4: G, and the GAN = G followed by a frozen D
    sampling.py       step 6: new curves from G

Nothing here knows about the recipes beyond the slides. D, G and the loop offer
plug points, the Keras way, as arguments (an activation, an extra layer, another
output, an optimizer, a hook after each G step), and sinegan.recipe decides
what goes into them. Of the modules here, only config.py names the config's
fields beyond the slides; a builder handed a config that sets one it would
ignore refuses it, naming the field (the table: sinegan.config_fields).
"""
