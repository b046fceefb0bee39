"""What goes beyond the slides, each part chosen by a config field.

sinegan.recipe is the one place that reads those fields and plugs the parts
into the slides' D, G, GAN and loop; every module here is one idea from the
lectures or the GAN literature, with its paper. A module of this package is
imported only when the config asks for it, so the slides' recipe loads none.
"""
