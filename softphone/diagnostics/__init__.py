"""``softphone --diagnostics out.zip``: what IT or support needs to investigate, without PHI.

The bundle holds the version and platform, the effective settings, recent logs and SIP traces,
the registration history and the audio devices. Everything textual passes the same PHI
redaction as the logs (``softphone.logs.phi_redaction``), plus the patient values this agent's
own database holds, so a name that slipped into a log before it was known is masked too.
"""

from softphone.diagnostics.bundle import BundleSummary, write_diagnostics_bundle

__all__ = ["BundleSummary", "write_diagnostics_bundle"]
