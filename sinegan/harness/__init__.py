"""The harness around the slides' loop: the Trainer, its history, and quality monitoring.

The loop itself is sinegan.slides.training; the harness runs it epoch by
epoch with one of two engines and wraps it with callbacks, progress, quality
monitoring, finite checks and timing. live.py holds ``PlaneView``, a callback
that redraws the game in the (b, c) plane in a notebook while it trains.
"""
