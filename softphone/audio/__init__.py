"""Moves audio between the OS sound devices and pjsua2's conference bridge.

pjsua2 runs on its null sound device (the wheels ship no sound backend); this package supplies
the missing half: OS callback streams (``os_stream``), lock-free rings (``ring``), clock-drift
compensation (``drift``, ``resampler``, ``drift_reader``) and the bridge port (``bridge_port``).
"""
