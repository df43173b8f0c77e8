"""SIP test users known to every Kamailio the integration tests start (user -> password)."""

TEST_USERS = {
    "agent": "agent-secret",
    "agent2": "agent2-secret",
    "patient": "patient-secret",
    "clinician": "clinician-secret",
    "supervisor": "supervisor-secret",
}
