from congdoan.core import audit

for code in ("proposal.send", "proposal.approve", "proposal.send_back"):
    audit.register_action(code, code, "test")
