"""Moves audio between the OS sound devices and pjsua2's conference bridge.

pjsua2 runs on its null sound device (the wheels ship no sound backend); this package supplies
the missing half: OS callback streams (``os_stream``), lock-free rings (``ring``), clock-drift
compensation (``drift``, ``resampler``, ``drift_reader``) and the bridge port (``bridge_port``),
assembled per headset in ``headset_path``.

For the app: ``service.HeadsetAudio`` (devices by name via ``device_catalog``, hot-plug fallback
via ``hotplug``, the ringer and call-progress sounds via ``call_tones``/``tones``, optional echo
cancellation via ``echo``; it speaks in ``events``), the settings' ``mic_test`` and the
jitter-buffer profiles (``jitter``).
"""
