from congdoan.core import audit

audit.register_action("proposal.send", "Gửi đề xuất", "The unit sent its proposal up for review.")
audit.register_action("proposal.approve", "Duyệt đề xuất", "The level above approved the proposal.")
audit.register_action("proposal.send_back", "Trả lại đề xuất", "The level above returned it with a reason.")
