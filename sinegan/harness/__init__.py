"""The harness around the slides' loop: the Trainer, its history, and quality monitoring.

The loop itself is sinegan.slides.training; the harness runs it epoch by
epoch with one of two engines (sinegan.engines) and wraps it with the finite
checks (checks.py, history.py), timing, the history, and Keras callbacks: the
quality monitor (monitor.py) and the user's. live.py holds ``PlaneView``, a
callback that redraws the game in the (b, c) plane in a notebook while it trains.
"""
