"""The embedded demo (``softphone --demo``): a switchboard on loopback with simulated people.

- ``controller.DemoSwitchboard``: the app's handle (starts the child, requests, events)
- ``switchboard``: the child process (``python -m softphone.demo.switchboard``), one pjsua2
  Endpoint holding the simulated patients, clinicians and supervisor (``simulated_parties``)
- ``cast``: who they are and what they say; ``scenario``: the two-minute tour
- ``self_check``: the demo end to end for ``softphone --self-test``

Nothing here imports Qt; only ``simulated_parties`` imports pjsua2.
"""
